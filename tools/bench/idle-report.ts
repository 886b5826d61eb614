import { formatTable } from "../admin/output";
import { IDLE_PHONE_COUNTS, IDLE_SAMPLE_EVERY_MS, IDLE_SAMPLE_MS, IDLE_SETTLE_MS, type IdleResult } from "./idle-agent";
import { row, type SummaryRow } from "./summary";

/** How section 7 is measured: printed under its table and kept in the JSON. */
export const IDLE_NOTES = {
  idle:
    "RSS: VmRSS from /proc/<pid>/status summed over the agent's process tree (the one Node running the packed bundle); CPU: utime + stime from /proc/<pid>/stat over the window, in % of one core; both sampled once a second on a fixed grid from 5 s after the round's phones were all online",
  idlePackage:
    "package: tools/pack/main.ts --out <temp> (npm run pack:agent minus npm) of the working tree, then `npm install --prefix <empty temp folder> --omit=dev --offline <tarball>`; the agent run is `node <folder>/node_modules/.bin/tikmatrix-agent run --server … --adb-host 127.0.0.1 --adb-port … --state-dir <temp>` (token in TIKMATRIX_TOKEN), as e2e/agent-package.test.ts runs it",
  idleRounds:
    "rounds: one wrangler dev and one private adb server for all; before each round the rack grows to its count (the fake phones attached and listed as device before the spawn), then an agent process of its own (the same state dir each time); spawn → online: to the first GET /api/v1/devices (API key, polled every 200 ms, every page) showing all of the round's phones online, with 0 phones to the agent's first log line; after the window SIGTERM, and every phone must show offline within 10 s before the next round",
  idleFit:
    "per phone: ordinary least squares of the rounds' RSS medians over their phone counts (0, 1, 20, 100); the slope is the marginal MB per idle phone, the intercept the fixed cost of an agent with none; r² how well a line fits",
} as const;

const mb = (value: number) => value.toFixed(1);

export function idleLines(result: IdleResult): string[] {
  const title = `7. Idle agent: the packed agent (npm tarball installed offline, plain node) with ${IDLE_PHONE_COUNTS.join(", ")} fake phones connected and nothing to do, wrangler dev`;
  if ("skipped" in result) return [title, `skipped: ${result.skipped}`];
  const exit = (e: number | string) => (typeof e === "number" ? `exit ${e}` : `killed by ${e}`);
  const extra = result.rounds.flatMap((r) => (r.tree.processes.length > 1 ? [`  ${r.phones} phones: ${r.tree.processes.map((p) => `${p.label} (pid ${p.pid}) ${mb(p.rssMedianMB)} MB`).join(", ")}`] : []));
  const labels = [...new Set(result.rounds.flatMap((r) => r.tree.processes.map((p) => p.label)))];
  return [
    title,
    `package: ${result.packed.tarball}, ${(result.packed.tarballBytes / 1024 ** 2).toFixed(1)} MB; packed in ${(result.packed.packMs / 1000).toFixed(1)} s, installed in ${(result.packed.installMs / 1000).toFixed(1)} s; section ${result.sectionS.toFixed(0)} s in all`,
    ...formatTable(
      ["phones", "spawn → online s", "RSS median MB", "RSS max MB", "CPU % of one core", "busiest 1 s %", "samples", "SIGTERM → exit", "offline after"],
      result.rounds.map((r) => [
        String(r.phones),
        (r.spawnToOnlineMs / 1000).toFixed(2),
        mb(r.tree.rssMedianMB),
        mb(r.tree.rssMaxMB),
        r.tree.cpuPercent.toFixed(2),
        r.tree.cpuMaxIntervalPercent.toFixed(1),
        `${r.tree.samples} / ${r.tree.seconds.toFixed(1)} s`,
        `${exit(r.exit)}, ${r.stopMs.toFixed(0)} ms`,
        `${r.offlineAfterStop} of ${r.phones}`,
      ]),
      ["right", "right", "right", "right", "right", "right", "right", "right", "right"],
    ),
    `per phone (least squares over the ${result.rounds.length} RSS medians): ${result.rss.slope.toFixed(3)} MB per phone, fixed cost ${mb(result.rss.intercept)} MB (intercept), r² ${result.rss.r2.toFixed(3)}; CPU ${result.cpu.slope.toFixed(4)} % of a core per phone, ${result.cpu.intercept.toFixed(2)} % with none`,
    `process tree: ${labels.join(", ")}${extra.length === 0 ? `, alone in every round` : ""}; every round ${IDLE_SAMPLE_MS / 1000} s sampled every ${IDLE_SAMPLE_EVERY_MS} ms after ${IDLE_SETTLE_MS / 1000} s settling, all its phones still online at the end`,
    ...extra,
    ...Object.values(IDLE_NOTES).map((note) => `  ${note}`),
  ];
}

export function idleRows(result: IdleResult): SummaryRow[] {
  const section = "7 idle agent";
  if ("skipped" in result) return [row(section, "skipped", "", "", result.skipped)];
  const how = `packed agent, its process tree, /proc, ${IDLE_SAMPLE_MS / 1000} s idle`;
  const last = result.rounds.at(-1);
  return [
    ...result.rounds.map((r) => row(section, `RSS median / max, ${r.phones} phone${r.phones === 1 ? "" : "s"}`, `${mb(r.tree.rssMedianMB)} / ${mb(r.tree.rssMaxMB)}`, "MB", how)),
    row(section, `CPU, ${result.rounds.map((r) => r.phones).join(" / ")} phones`, result.rounds.map((r) => r.tree.cpuPercent.toFixed(2)).join(" / "), "% of a core", how),
    row(section, "marginal RSS per phone", result.rss.slope.toFixed(3), "MB/phone", `least-squares slope over the ${result.rounds.length} medians, r² ${result.rss.r2.toFixed(3)}`),
    row(section, "fixed cost (intercept)", mb(result.rss.intercept), "MB", "the same line at 0 phones"),
    ...(last === undefined ? [] : [row(section, `spawn → ${last.phones} phones online`, (last.spawnToOnlineMs / 1000).toFixed(2), "s", "GET /devices polled every 200 ms")]),
  ];
}
