import { formatTable } from "../admin/output";
import { PRESENCE_SETTLE_MS, PRESENCE_WINDOW_MS, type PresenceFigure } from "./presence";
import { row, type SummaryRow } from "./summary";

/** How section 11 is measured: printed under its table and kept in the JSON. */
export const PRESENCE_NOTES = {
  presenceSetup:
    "setup: its own wrangler dev on 127.0.0.1 with a temp D1 (migrations, one Business workspace with an API key and an agent token, no task); 1,000 links of the agent's own PhoneLink in this process (agent-fleet.ts), 8 connecting at a time, each sending hello, then a heartbeat at the interval its welcome names; after the window every link must still be welcomed (the object closes one silent for 30 s) and GET /api/v1/devices?online=1 must show 1,000; then the links stop (close 1000) and wrangler dev stops",
  presenceCount:
    "rows written: before wrangler dev started, Miniflare's D1 put an AFTER INSERT, UPDATE and DELETE trigger on every table (worker/db/write-log.ts, the same triggers the workerd tests count with) noting each row written with SQLite's unixepoch('subsec'); afterwards Miniflare read them back and the bench split them by its own Date.now() at the phases' bounds (one machine, one clock)",
  presencePhases:
    "phases: before = wrangler dev starting and its readiness check (license/check with the API key); connect = the first link opened to 2 s after the last welcome; window = the next 60 s; after = the online check, the 1,000 closes (each records the phone offline) and wrangler dev stopping; per s = the window's rows over its seconds, goal 0",
} as const;

const count = (n: number) => n.toLocaleString("en-US");
const tables = (byTable: Record<string, number>) =>
  Object.entries(byTable)
    .map(([table, n]) => `${table} ${count(n)}`)
    .join(", ") || "none";

export function presenceLines(f: PresenceFigure): string[] {
  return [
    `11. Presence: D1 rows written with ${count(f.phones)} phones heartbeating every ${f.heartbeatIntervalMs / 1000} s and no task, wrangler dev (load average ${f.loadAverage.start.toFixed(2)} before, ${f.loadAverage.end.toFixed(2)} after)`,
    ...formatTable(
      ["phase", "s", "rows written", "per table"],
      f.phases.map((p) => [p.phase, (p.ms / 1000).toFixed(1), count(p.rows), tables(p.byTable)]),
      ["left", "right", "right", "left"],
    ),
    `in the window: ${f.windowWritesPerS.toFixed(2)} rows written per s over ${PRESENCE_WINDOW_MS / 1000} s (about ${count(f.phones * (PRESENCE_WINDOW_MS / f.heartbeatIntervalMs))} heartbeats at that interval, not counted: a link silent for 30 s would have been closed), starting ${PRESENCE_SETTLE_MS / 1000} s after the last welcome`,
    ...Object.values(PRESENCE_NOTES).map((note) => `  ${note}`),
  ];
}

export function presenceRows(f: PresenceFigure): SummaryRow[] {
  const rows = (phase: string) => count(f.phases.find((p) => p.phase === phase)?.rows ?? 0);
  const section = "11 presence";
  return [
    row(section, `D1 writes, ${count(f.phones)} phones heartbeating`, f.windowWritesPerS.toFixed(2), "rows/s", `triggers on every table, ${PRESENCE_WINDOW_MS / 1000} s window, no task`),
    row(section, `D1 writes, ${count(f.phones)} links connecting`, rows("connect"), "rows", "hello records each phone (one device row)"),
    row(section, `D1 writes, ${count(f.phones)} links closing`, rows("after"), "rows", "the online check, then each close records the phone offline"),
  ];
}
