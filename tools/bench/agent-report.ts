import { formatTable } from "../admin/output";
import { IDLE_PHONES, IDLE_SAMPLE_EVERY_MS, IDLE_SAMPLE_MS, IDLE_SETTLE_MS, type IdleResult } from "./idle-agent";
import type { PushFigure } from "./push-ratio";

/** How sections 6 and 7 are measured: printed under their tables and kept in the JSON. */
export const AGENT_NOTES = {
  push:
    "MB/s: 50 × 2^20 bytes over the wall time of one push, median of the rounds, after 1 unmeasured push each way, the order alternating each round; driver: new AdbkitDriver(client, serial).push(file, …) in this process, from the call to its end (the phone's OKAY to DONE); adb push: `adb -P PORT -s SERIAL push` through execFile, from spawn to exit (adb's own figure leaves out the CLI's start); every push checked byte for byte on the phone, then removed there",
  pushSetting:
    "setting: one fake phone (fake-phone/) behind a private real adb server on 127.0.0.1, both on this machine; the phone runs in the bench's process, so the driver's push shares one thread with the phone while the CLI is a process of its own",
  idle:
    "RSS: VmRSS from /proc/<pid>/status summed over the process tree (the Node running agent/main.ts, and esbuild if tsx is compiling); CPU: utime + stime from /proc/<pid>/stat over the window, in % of one core; both sampled on a fixed grid",
  idleOnline:
    "spawn → online: from spawn() of `node --import tsx agent/main.ts --server … --token … --adb-host 127.0.0.1 --adb-port … --state-dir <temp>` to the first GET /api/v1/devices (API key, polled every 200 ms) showing every phone online; the phones were attached to the adb server before the spawn",
} as const;

export function pushLines(f: PushFigure): string[] {
  const row = (way: string, values: readonly number[], median: number) => [
    way,
    String(values.length),
    median.toFixed(1),
    Math.min(...values).toFixed(1),
    Math.max(...values).toFixed(1),
  ];
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
    `  ${AGENT_NOTES.push}`,
    `  ${AGENT_NOTES.pushSetting}`,
  ];
}

export function idleLines(result: IdleResult): string[] {
  const title = (phones: number) =>
    `7. Idle agent: the real agent (node --import tsx agent/main.ts) with ${phones} fake phones connected and nothing to do, wrangler dev`;
  if ("skipped" in result) return [title(IDLE_PHONES), `skipped: ${result.skipped}`];
  const t = result.tree;
  const mb = (value: number) => value.toFixed(1);
  const exit = typeof result.exit === "number" ? `exit code ${result.exit}` : `killed by ${result.exit}`;
  return [
    title(result.phones),
    ...formatTable(
      ["process", "pid", "RSS median MB", "RSS max MB", "CPU % of one core"],
      [
        ...t.processes.map((p) => [p.label, String(p.pid), mb(p.rssMedianMB), mb(p.rssMaxMB), p.cpuPercent.toFixed(2)]),
        ["whole tree", "", mb(t.rssMedianMB), mb(t.rssMaxMB), t.cpuPercent.toFixed(2)],
      ],
      ["left", "right", "right", "right", "right"],
    ),
    `${t.samples} samples over ${t.seconds.toFixed(1)} s, every ${IDLE_SAMPLE_EVERY_MS} ms, from ${IDLE_SETTLE_MS / 1000} s after all were online; busiest interval ${t.cpuMaxIntervalPercent.toFixed(1)} % of one core`,
    `spawn → ${result.phones} phones online: ${(result.spawnToOnlineMs / 1000).toFixed(2)} s; still online after ${IDLE_SAMPLE_MS / 1000} s: ${result.onlineAfter}; SIGTERM → ${exit} in ${result.stopMs.toFixed(0)} ms, then ${result.offlineAfterStop} of ${result.phones} phones offline`,
    `  ${AGENT_NOTES.idle}`,
    `  ${AGENT_NOTES.idleOnline}`,
  ];
}
