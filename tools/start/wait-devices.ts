import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";

const devicesAnswer = z.object({
  code: z.literal(0),
  data: z.object({ devices: z.array(z.object({ serial: z.string(), online: z.boolean(), last_seen: z.string().nullable() })) }),
});

/**
 * Polls GET /api/v1/devices until every serial is online and seen `since` (so linked by
 * the agent just started, not still shown online by the last run's rows, which a server
 * stopped together with its agent may not have marked offline). Then the ready banner's
 * curl runs at once. Returns the serials not linked when the deadline passed or `stop`
 * settled (empty: all linked).
 */
export async function waitForDevicesOnline(
  baseUrl: string,
  apiKey: string,
  serials: readonly string[],
  since: number,
  timeoutMs: number,
  stop: Promise<unknown>,
): Promise<string[]> {
  let stopped = false;
  const markStopped = () => {
    stopped = true;
  };
  void stop.then(markStopped, markStopped);
  const deadline = Date.now() + timeoutMs;
  let offline = [...serials];
  while (offline.length > 0 && !stopped && Date.now() < deadline) {
    try {
      const response = await fetch(`${baseUrl}/api/v1/devices?online=1&page_size=100`, {
        headers: { authorization: `Bearer ${apiKey}` },
        signal: AbortSignal.timeout(5_000),
      });
      const parsed = devicesAnswer.safeParse(await response.json());
      if (parsed.success) {
        const fresh = parsed.data.data.devices.filter((d) => d.online && d.last_seen !== null && Date.parse(d.last_seen) >= since);
        const online = new Set(fresh.map((d) => d.serial));
        offline = serials.filter((serial) => !online.has(serial));
      }
    } catch {
      // Not answering yet, or busy: the next poll decides.
    }
    // Once a second: each poll is a line in wrangler's log.
    if (offline.length > 0) await sleep(1_000);
  }
  return offline;
}
