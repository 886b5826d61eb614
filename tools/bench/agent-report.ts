import { formatTable } from "../admin/output";
import type { PushFigure } from "./push-ratio";

/** How section 6 is measured (section 7's notes: idle-report.ts): printed under its table and kept in the JSON. */
export const AGENT_NOTES = {
  push:
    "MB/s: 50 × 2^20 bytes over the wall time of one push, median of the rounds, after 1 unmeasured push each way, the order alternating each round; driver: new AdbkitDriver(client, serial).push(file, …) in this process, from the call to its end (the phone's OKAY to DONE); adb push: `adb -P PORT -s SERIAL push` through execFile, from spawn to exit (adb's own figure leaves out the CLI's start); every push checked on the phone (its size and SHA-256), then removed there",
  pushSetting:
    "setting: one fake phone (fake-phone/) behind a private real adb server on 127.0.0.1, both on this machine; the phone runs in a Node process of its own, so the bench's process holds only the driver under test, as the CLI is a process of its own",
} as const;

export function pushLines(f: PushFigure): string[] {
  const row = (way: string, values: readonly number[], median: number) => [way, String(values.length), ...[median, Math.min(...values), Math.max(...values)].map((v) => v.toFixed(1))];
  const reported = f.rounds.flatMap((r) => (r.cliReportedMBps === null ? [] : [r.cliReportedMBps]));
  return [
    `6. Push throughput: a ${f.bytes / 2 ** 20} MB file to one fake phone, the agent's driver against adb push, in one run`,
    ...formatTable(
      ["push", "rounds", "median MB/s", "min MB/s", "max MB/s"],
      [
        row("AdbkitDriver.push (the agent's driver)", f.rounds.map((r) => r.driverMBps), f.driverMedianMBps),
        row("adb push (CLI), spawn to exit", f.rounds.map((r) => r.cliMBps), f.cliMedianMBps),
        ...(f.cliReportedMedianMBps === null ? [] : [row("adb push, as adb itself reports it", reported, f.cliReportedMedianMBps)]),
      ],
      ["left", "right", "right", "right", "right"],
    ),
    `ratio driver / adb push: ${f.ratio.toFixed(2)} (medians; per round ${f.roundRatioRange.min.toFixed(2)} to ${f.roundRatioRange.max.toFixed(2)})`,
    ...Object.values(AGENT_NOTES).map((note) => `  ${note}`),
  ];
}
