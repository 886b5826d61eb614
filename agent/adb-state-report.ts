import type { Logger } from "./logger";

export interface AdbStateReportOptions {
  server: string;
  token: string;
  agentId: string;
  /** Every phone the adb server lists now (PhoneTracker.states). */
  states: () => { serial: string; state: string }[];
  log: Logger;
  /** A change is sent after this quiet time, so a hub's ten phones plugged at once are one request. */
  settleMs?: number;
  /** Sent again this often with no change, so a Worker that missed one (or a restarted one) catches up. */
  everyMs?: number;
}

const SETTLE_MS = 1_000;
const EVERY_MS = 5 * 60_000;
const RETRY_MS = 30_000;

/**
 * Tells the Worker every phone the adb server lists (`PUT /api/v1/agent/phones`), the ones
 * no link can drive too: a phone whose USB-debugging prompt nobody accepted shows in the
 * device list as `unauthorized` instead of not at all. Sent after a change settles, and every
 * five minutes; a failed send is tried again in 30 s and logged once until one succeeds.
 */
export class AdbStateReport {
  private timer: NodeJS.Timeout | undefined;
  private failing = false;
  private stopped = true;

  constructor(private readonly options: AdbStateReportOptions) {}

  start(): void {
    this.stopped = false;
    this.schedule(this.options.settleMs ?? SETTLE_MS);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** A phone's state changed: send soon. */
  changed(): void {
    if (!this.stopped) this.schedule(this.options.settleMs ?? SETTLE_MS);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.send(), ms);
  }

  private async send(): Promise<void> {
    const { server, token, agentId, log } = this.options;
    try {
      const response = await fetch(`${server}/api/v1/agent/phones`, {
        method: "PUT",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ agent_id: agentId, phones: this.options.states() }),
        signal: AbortSignal.timeout(30_000),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status} ${(await response.text().catch(() => "")).slice(0, 200)}`);
      if (this.failing) log.info("the phones' adb states reach the server again");
      this.failing = false;
      if (!this.stopped) this.schedule(this.options.everyMs ?? EVERY_MS);
    } catch (error) {
      if (!this.failing) log.warn(`cannot tell the server the phones' adb states (retrying every 30 s): ${String(error)}`);
      this.failing = true;
      if (!this.stopped) this.schedule(RETRY_MS);
    }
  }
}
