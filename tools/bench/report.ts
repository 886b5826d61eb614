import { formatTable } from "../admin/output";
import { AGENT_NOTES, pushLines } from "./agent-report";
import { planWarnings } from "../../worker/db/query-plan";
import { type PlanFigure, perRow } from "./d1-plans";
import { DASHBOARD_NOTES, dashboardLines } from "./dashboard-report";
import { IDLE_NOTES, idleLines } from "./idle-report";
import { LOAD_NOTES, loadLines } from "./load-report";
import { PRESENCE_NOTES, presenceLines } from "./presence-report";
import type { LibraryFigure } from "./library-throughput";
import { LIFECYCLE_TEST, type LifecycleFigure } from "./d1-lifecycle";
import type { BenchReport } from "./run";
import { ms, type Percentiles } from "./stats";
import type { RetentionFigure } from "./retention-rate";
import { RUN_BUDGET } from "../../worker/retention/run-budget";
import { summaryLines, summaryRows } from "./summary";
import type { WorkerFigures } from "./worker-sections";

/** How each figure is measured: printed under its table and kept in the JSON. */
export const NOTES = {
  createTime:
    "median, p90 ms: one POST /api/v1/task from fetch() to the last byte of the answer (HTTP 200, code 0 and created_count checked), sequential on one keep-alive connection to wrangler dev, after 1 unmeasured warm-up; p90 is nearest-rank (of 5 runs: the slowest)",
  createPerTask: "ms/task: the median divided by the serials; the same serials bench-0… every run (their device rows exist after the warm-up)",
  listTime:
    "median, p90 ms: one GET /api/v1/task (the page and the count in one D1 batch) timed the same way, 10 runs after 1 warm-up",
  listCounts: "total, rows: the answer's total and the tasks on its page, checked against the seed on every run",
  rowsRead:
    "rows_read: meta.rows_read of the Worker's own statement (taskListQueries(…).toSQL(): same SQL and params), run once through Miniflare's D1 on wrangler dev's SQLite file while wrangler dev was stopped",
  perRow:
    "per row: page rows_read over the rows the page statement answered (goal at most 2; OFFSET pages read what they skip, a cursor page does not); total: the answer's `total`, one row (goal at most 2: a counter row, worker/tasks/task-totals.ts); stats: goal at most 20 rows",
  statistics:
    "no stats: the seeded database as is (nothing in this project runs ANALYZE, so a production D1 has no statistics); optimized: the same after D1's recommended PRAGMA optimize (which runs ANALYZE), at the end of the run",
  plans: "plans: EXPLAIN QUERY PLAN of the same statements; SCAN! marks a step that reads all of tasks (table or whole index), SORT! a temporary B-tree",
  dispatchSetup:
    "setup: 20 simulated agents stay connected, each the agent's own PhoneLink and Outbox (agent/phone-link.ts, agent/outbox.ts: hello → welcome with an agent token, heartbeats, every frame checked, each result written to the outbox before it is sent) with a TaskRunner that acks and reports ok at once, running nothing; 500 creates of one task each (4 in flight), task i for phone i mod 20 with start_time T0 + i × 50 ms (ISO with ms and Z), all answered before T0; a phone whose script takes no time",
  dispatchDueToRun:
    "due → run: Date.now() in Node when PhoneLink handed the run to the runner (in the frame's own event, after the link's check of it: about 11 µs), minus the task's due time (the start_time sent, checked equal to the task's scheduled_at); percentiles are nearest-rank over all tasks",
  dispatchSplit:
    "due → claimed: the task's started_at (the phone object's Date.now() when its alarm dispatched it) minus its due time, i.e. how late the alarm fired; claimed → run: the run's arrival minus started_at (the D1 claim, then the frame through workerd and wrangler's proxy)",
  throughputWall:
    "wall ms: Date.now() from just before the create's fetch() to the last result_ack at an agent (one POST /api/v1/task with no start_time; the tasks listed round-robin over the phones); tasks/s = tasks / wall; create ms is that POST alone (it returns once every connected phone's object has been told and has dispatched its first task); first run ms is from the send to the first run frame",
  throughputSteps:
    "run → result_ack: per task, the run handed to the runner to its result_ack (when the link forgets the result from its outbox): the agent's ack, the result fsynced into the outbox and sent, the object storing it in D1; result_ack → next run: per phone, a result_ack to the next run (the object claiming the next task in D1)",
  clientLoop:
    "bench loop delay: this process's own event-loop delay while its agents were connected (perf_hooks monitorEventLoopDelay, 10 ms timer, the 10 ms taken off); arrival times are taken when a frame's event runs, so they are late by up to this much",
  throughputCheck:
    "checked: GET /api/v1/task/stats of the workspace shows every task made so far completed, none pending, running or failed (else the bench fails)",
} as const;

/** The notes named, each as an indented line under its table. */
function notes(...keys: (keyof typeof NOTES)[]): string[] {
  return keys.map((key) => `  ${NOTES[key]}`);
}

export function textReport(report: BenchReport): string {
  const m = report.machine;
  const lines = [
    `npm run bench: local runtime, ${report.startedAt}, ${report.durationS} s, load average ${report.loadAverage.start.toFixed(2)} before and ${report.loadAverage.end.toFixed(2)} after; sections: ${report.sections.join(", ")}`,
    `code: ${report.code}`,
    `machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, ${m.os}, wrangler ${m.wrangler}, miniflare ${m.miniflare}`,
    `wrangler dev vars: ${Object.entries(report.serverVars).map(([name, value]) => `${name}=${value}`).join(", ")} (the per-key rate limit far above what the bench sends; see server.ts)`,
    ...(report.worker === undefined ? [] : workerLines(report.worker)),
    ...(report.push === undefined ? [] : ["", ...pushLines(report.push)]),
    ...(report.idleAgent === undefined ? [] : ["", ...idleLines(report.idleAgent)]),
    ...(report.load === undefined ? [] : ["", ...loadLines(report.load)]),
    ...(report.library === undefined ? [] : ["", ...libraryLines(report.library)]),
    ...(report.dashboard === undefined ? [] : ["", ...dashboardLines(report.dashboard)]),
    ...(report.presence === undefined ? [] : ["", ...presenceLines(report.presence)]),
    ...(report.lifecycle === undefined ? [] : ["", ...lifecycleLines(report.lifecycle)]),
    "",
    ...summaryLines(summaryRows(report)),
  ];
  return `${lines.join("\n")}\n`;
}

function libraryLines(f: LibraryFigure): string[] {
  const ratio = (mbps: number) => `${mbps.toFixed(1)} MB/s, ${(mbps / f.plainCopyMBps).toFixed(2)} of a plain copy`;
  return [
    `9. Material library: a ${f.bytes / 2 ** 20} MB file on wrangler dev (local R2 and D1), each way once`,
    `  single upload (POST /materials, streamed to R2 and hashed): ${ratio(f.singleMBps)}`,
    `  multipart upload (10 MB parts one after another, then complete, which hashes the object again): ${ratio(f.multipartMBps)}`,
    `  the agent's fetch (LibraryCache from the agent route, SHA-256 checked, renamed into the cache): ${ratio(f.agentFetchMBps)}`,
    `  plain copy (fs.copyFile of the same bytes on this disk): ${f.plainCopyMBps.toFixed(1)} MB/s`,
  ];
}

function workerLines(report: WorkerFigures): string[] {
  return [
    `seed: ${report.seed.tasks.toLocaleString("en-US")} tasks in one workspace by one INSERT … SELECT over a recursive CTE (${(report.seed.ms / 1000).toFixed(1)} s, rows_written ${report.seed.rowsWritten.toLocaleString("en-US")}); no ANALYZE`,
    "",
    "1. Create latency: POST /api/v1/task, script \"post\", wrangler dev",
    ...formatTable(
      ["serials", "runs", "median ms", "p90 ms", "ms/task"],
      report.create.map((f) => [String(f.serials), String(f.runs), ms(f.medianMs), ms(f.p90Ms), f.msPerTask.toFixed(2)]),
      ["right", "right", "right", "right", "right"],
    ),
    ...notes("createTime", "createPerTask"),
    "",
    `2. List latency: GET /api/v1/task over ${report.seed.tasks.toLocaleString("en-US")} tasks, wrangler dev`,
    ...formatTable(
      ["case", "total", "rows", "runs", "median ms", "p90 ms"],
      report.list.map((f) => [f.case, String(f.total), String(f.rows), String(f.runs), ms(f.medianMs), ms(f.p90Ms)]),
      ["left", "right", "right", "right", "right", "right"],
    ),
    ...notes("listTime", "listCounts"),
    "",
    `3. D1 rows_read and query plans of the list and stats statements over ${report.seed.tasks.toLocaleString("en-US")} tasks (local D1 through Miniflare)`,
    ...formatTable(
      ["case", "page rows", "page rows_read", "per row", "total rows_read", "page (optimized)", "total (optimized)"],
      report.plans.map((f, i) => {
        const o = report.plansOptimized[i];
        return [f.case, String(f.page.rowsReturned), String(f.page.rowsRead), perRow(f.page), String(f.count.rowsRead), String(o?.page.rowsRead ?? "?"), String(o?.count.rowsRead ?? "?")];
      }),
      ["left", "right", "right", "right", "right", "right", "right"],
    ),
    `  GET /task/stats: rows_read ${report.stats.rowsRead} for ${report.stats.rowsReturned} rows (optimized: ${report.statsOptimized.rowsRead})`,
    ...notes("perRow", "rowsRead"),
    `  ${NOTES.statistics} (sqlite_stat1 rows for tasks afterwards: ${report.optimizedStatRows})`,
    ...notes("plans"),
    "",
    "Plans (no stats):",
    ...planLines(report.plans),
    ...statementLines("  stats", report.stats.plan),
    ...optimizedPlanLines(report.plans, report.plansOptimized),
    "",
    ...verdict(report),
    "",
    ...dispatchLines(report),
    "",
    ...throughputLines(report),
    "",
    ...retentionLines(report.retention),
  ];
}

function retentionLines(f: RetentionFigure): string[] {
  return [
    `12. The history job (Cron, worker/retention/) moving finished tasks from D1 to R2, wrangler dev, the ${f.finishedBefore.toLocaleString("en-US")} finished of the seed with retention_days 1`,
    ...formatTable(
      ["run", "tasks moved", "ms", "tasks/s"],
      f.runs.map((r, i) => [String(i + 1), r.moved.toLocaleString("en-US"), ms(r.ms), Math.round(r.moved / (r.ms / 1000)).toLocaleString("en-US")]),
      ["right", "right", "right", "right"],
    ),
    `  all runs: ${Math.round(f.movedPerS).toLocaleString("en-US")} tasks/s moved (a run moves at most ${RUN_BUDGET.tasks.toLocaleString("en-US")}, ${RUN_BUDGET.dayTasks.toLocaleString("en-US")} per day object; the seed's tasks have no log lines)`,
  ];
}

function lifecycleLines(f: LifecycleFigure): string[] {
  return [
    `13. D1 statements and round trips per step of a task's lifecycle, in workerd (${LIFECYCLE_TEST}, which asserts each figure)`,
    ...formatTable(
      ["lifecycle", "step", "statements", "round trips"],
      f.lifecycles.flatMap((l) => Object.entries(l.steps).map(([step, c], i) => [i === 0 ? l.title.split(":")[0] ?? l.title : "", step, String(c.statements), String(c.roundTrips)])),
      ["left", "left", "right", "right"],
    ),
    "  counted on the D1 handle of the phone's object (and of the Worker, for a user's retry): a batch is one round trip; a progress step and a log line cost one each, so a post with P progress steps and L log lines takes 3 + P + L round trips",
  ];
}

function dispatchLines(report: WorkerFigures): string[] {
  const d = report.dispatch;
  const row = (name: string, p: Percentiles) => [name, String(p.count), ms(p.p50), ms(p.p90), ms(p.p99), ms(p.max)];
  return [
    `4. Dispatch latency: ${d.tasks} tasks due at set times on ${d.phones} connected agents (one due every ${d.stepMs} ms, each phone's ${d.spacingMs} ms apart), wrangler dev`,
    ...formatTable(
      ["interval", "tasks", "p50 ms", "p90 ms", "p99 ms", "max ms"],
      [row("due → run at the agent", d.dueToRun), row("due → claimed (started_at)", d.dueToClaim), row("claimed → run at the agent", d.claimToRun)],
      ["left", "right", "right", "right", "right", "right"],
    ),
    `runs beyond one per task: ${d.extraRuns}; creates done ${d.createsDoneBeforeFirstDueMs} ms before the first due time; the bench's own event-loop delay meanwhile: p99 ${ms(d.clientLoopDelay.p99Ms)} ms, max ${ms(d.clientLoopDelay.maxMs)} ms`,
    ...notes("dispatchSetup", "dispatchDueToRun", "dispatchSplit"),
  ];
}

function throughputLines(report: WorkerFigures): string[] {
  return [
    "5. Throughput create → run → result: one create, agents answering at once, wrangler dev",
    ...formatTable(
      [
        "phones",
        "tasks",
        "create ms",
        "first run ms",
        "wall ms",
        "tasks/s",
        "run→result_ack p50/p90/max ms",
        "result_ack→next run p50/p90/max ms",
        "bench loop delay p99/max ms",
      ],
      report.throughput.map((f) => [
        String(f.phones),
        String(f.tasks),
        ms(f.createMs),
        ms(f.firstRunMs),
        ms(f.wallMs),
        f.tasksPerS.toFixed(1),
        `${ms(f.runToResultAck.p50)} / ${ms(f.runToResultAck.p90)} / ${ms(f.runToResultAck.max)}`,
        `${ms(f.resultAckToNextRun.p50)} / ${ms(f.resultAckToNextRun.p90)} / ${ms(f.resultAckToNextRun.max)}`,
        `${ms(f.clientLoopDelay.p99Ms)} / ${ms(f.clientLoopDelay.maxMs)}`,
      ]),
      ["right", "right", "right", "right", "right", "right", "right", "right", "right"],
    ),
    ...notes("throughputWall", "throughputSteps", "clientLoop", "throughputCheck"),
  ];
}

function planLines(figures: readonly PlanFigure[]): string[] {
  return figures.flatMap((f) => [
    `  ${f.case}`,
    ...statementLines("page ", f.page.plan),
    ...statementLines("count", f.count.plan),
  ]);
}

function statementLines(label: string, plan: readonly string[]): string[] {
  const warnings = planWarnings(plan);
  return [
    ...plan.map((step, i) => `    ${i === 0 ? `${label}:` : " ".repeat(label.length + 1)} ${step}`),
    ...warnings.map((w) => `    !!! ${w}`),
  ];
}

/** Only what PRAGMA optimize changed, so an unchanged plan is not printed twice. */
function optimizedPlanLines(before: readonly PlanFigure[], after: readonly PlanFigure[]): string[] {
  const changed = after.filter((f, i) => {
    const b = before[i];
    return b === undefined || f.page.plan.join("\n") !== b.page.plan.join("\n") || f.count.plan.join("\n") !== b.count.plan.join("\n");
  });
  if (changed.length === 0) return ["Plans after PRAGMA optimize: the same for every case."];
  return ["Plans after PRAGMA optimize, where they changed:", ...planLines(changed)];
}

function verdict(report: WorkerFigures): string[] {
  const scans = [
    ...[...report.plans, ...report.plansOptimized].flatMap((f) => [...planWarnings(f.page.plan), ...planWarnings(f.count.plan)].map((w) => `${f.case}: ${w}`)),
    ...[report.stats, report.statsOptimized].flatMap((f) => planWarnings(f.plan).map((w) => `stats: ${w}`)),
  ];
  if (scans.length === 0) return ["Plan check: every step SEARCHes tasks through an index; no SCAN, no temporary B-tree."];
  return [`Plan check: ${scans.length} warning(s):`, ...[...new Set(scans)].map((s) => `  !!! ${s}`)];
}

/**
 * The report as one JSON object; milliseconds rounded to microseconds. Sections 1 to 5
 * stay at the top level, where they were before sections could be chosen; `summary` is
 * the one table printed last.
 */
export function jsonReport(report: BenchReport): string {
  const round = (_key: string, value: unknown) =>
    typeof value === "number" && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value;
  const { worker, push, idleAgent, load, library, dashboard, presence, lifecycle, ...header } = report;
  const notes = { ...NOTES, ...AGENT_NOTES, ...IDLE_NOTES, ...LOAD_NOTES, ...DASHBOARD_NOTES, ...PRESENCE_NOTES };
  return `${JSON.stringify({ ...header, ...worker, push, idleAgent, load, library, dashboard, presence, lifecycle, summary: summaryRows(report), notes }, round, 2)}\n`;
}
