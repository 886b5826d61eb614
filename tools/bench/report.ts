import { formatTable } from "../admin/output";
import { planWarnings, type PlanFigure } from "./d1-plans";
import type { BenchReport } from "./run";
import { ms } from "./stats";

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
  statistics:
    "no stats: the seeded database as is (nothing in this project runs ANALYZE, so a production D1 has no statistics); optimized: the same after D1's recommended PRAGMA optimize (which runs ANALYZE), at the end of the run",
  plans: "plans: EXPLAIN QUERY PLAN of the same statements; SCAN! marks a step that reads all of tasks (table or whole index), SORT! a temporary B-tree",
} as const;

export function textReport(report: BenchReport): string {
  const m = report.machine;
  const lines = [
    `npm run bench: local runtime, ${report.startedAt}, ${report.durationS} s, load average ${report.loadAverage.start.toFixed(2)} before and ${report.loadAverage.end.toFixed(2)} after`,
    `code: ${report.code}`,
    `machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, ${m.os}, wrangler ${m.wrangler}, miniflare ${m.miniflare}`,
    `seed: ${report.seed.tasks.toLocaleString("en-US")} tasks in one workspace by one INSERT … SELECT over a recursive CTE (${(report.seed.ms / 1000).toFixed(1)} s, rows_written ${report.seed.rowsWritten.toLocaleString("en-US")}); no ANALYZE`,
    "",
    "1. Create latency: POST /api/v1/task, script \"post\", wrangler dev",
    ...formatTable(
      ["serials", "runs", "median ms", "p90 ms", "ms/task"],
      report.create.map((f) => [String(f.serials), String(f.runs), ms(f.medianMs), ms(f.p90Ms), f.msPerTask.toFixed(2)]),
      ["right", "right", "right", "right", "right"],
    ),
    `  ${NOTES.createTime}`,
    `  ${NOTES.createPerTask}`,
    "",
    `2. List latency: GET /api/v1/task over ${report.seed.tasks.toLocaleString("en-US")} tasks, wrangler dev`,
    ...formatTable(
      ["case", "total", "rows", "runs", "median ms", "p90 ms"],
      report.list.map((f) => [f.case, String(f.total), String(f.rows), String(f.runs), ms(f.medianMs), ms(f.p90Ms)]),
      ["left", "right", "right", "right", "right", "right"],
    ),
    `  ${NOTES.listTime}`,
    `  ${NOTES.listCounts}`,
    "",
    "3. D1 rows_read and query plans of the list statements (local D1 through Miniflare)",
    ...formatTable(
      ["case", "page rows_read", "count rows_read", "page (optimized)", "count (optimized)"],
      report.plans.map((f, i) => {
        const o = report.plansOptimized[i];
        return [f.case, String(f.page.rowsRead), String(f.count.rowsRead), String(o?.page.rowsRead ?? "?"), String(o?.count.rowsRead ?? "?")];
      }),
      ["left", "right", "right", "right", "right"],
    ),
    `  ${NOTES.rowsRead}`,
    `  ${NOTES.statistics} (sqlite_stat1 rows for tasks afterwards: ${report.optimizedStatRows})`,
    `  ${NOTES.plans}`,
    "",
    "Plans (no stats):",
    ...planLines(report.plans),
    ...optimizedPlanLines(report.plans, report.plansOptimized),
    "",
    ...verdict(report),
  ];
  return `${lines.join("\n")}\n`;
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

function verdict(report: BenchReport): string[] {
  const scans = [...report.plans, ...report.plansOptimized].flatMap((f) =>
    [...planWarnings(f.page.plan), ...planWarnings(f.count.plan)].map((w) => `${f.case}: ${w}`),
  );
  if (scans.length === 0) return ["Plan check: every step SEARCHes tasks through an index; no SCAN, no temporary B-tree."];
  return [`Plan check: ${scans.length} warning(s):`, ...[...new Set(scans)].map((s) => `  !!! ${s}`)];
}

/** The report as one JSON object; milliseconds rounded to microseconds. */
export function jsonReport(report: BenchReport): string {
  const round = (_key: string, value: unknown) =>
    typeof value === "number" && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value;
  return `${JSON.stringify({ ...report, notes: NOTES }, round, 2)}\n`;
}
