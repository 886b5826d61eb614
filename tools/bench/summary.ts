import { formatTable } from "../admin/output";
import { perRow } from "./d1-plans";
import { dashboardRows } from "./dashboard-report";
import { planWarnings } from "../../worker/db/query-plan";
import { idleRows } from "./idle-report";
import { presenceRows } from "./presence-report";
import type { LoadFigure } from "./load-test";
import type { LibraryFigure } from "./library-throughput";
import type { PushFigure } from "./push-ratio";
import type { BenchReport } from "./run";
import { ms } from "./stats";
import type { WorkerFigures } from "./worker-sections";

/** One headline figure; the full "how measured" notes are under each section's table. */
export interface SummaryRow {
  section: string;
  figure: string;
  value: string;
  unit: string;
  how: string;
}

/** Every headline figure of the sections that ran, in section order. */
export function summaryRows(report: BenchReport): SummaryRow[] {
  return [
    ...(report.worker === undefined ? [] : workerRows(report.worker)),
    ...(report.push === undefined ? [] : pushRows(report.push)),
    ...(report.library === undefined ? [] : libraryRows(report.library)),
    ...(report.idleAgent === undefined ? [] : idleRows(report.idleAgent)),
    ...(report.load === undefined ? [] : loadRows(report.load)),
    ...(report.dashboard === undefined ? [] : dashboardRows(report.dashboard)),
    ...(report.presence === undefined ? [] : presenceRows(report.presence)),
    ...(report.lifecycle?.lifecycles.map((l) => {
      const steps = Object.values(l.steps);
      const total = (key: "statements" | "roundTrips") => steps.reduce((n, c) => n + c[key], 0);
      return row("13 D1 per task", l.title.split(":")[0] ?? l.title, `${total("statements")} / ${total("roundTrips")}`, "statements / round trips", `${steps.length} steps, counted in workerd`);
    }) ?? []),
  ];
}

export function summaryLines(rows: readonly SummaryRow[]): string[] {
  return [
    "Summary: every headline figure of this run (how each is measured in full: the notes under its section above)",
    ...formatTable(
      ["section", "figure", "value", "unit", "how measured"],
      rows.map((r) => [r.section, r.figure, r.value, r.unit, r.how]),
      ["left", "left", "right", "left", "left"],
    ),
  ];
}

const pair = (a: number, b: number) => `${ms(a)} / ${ms(b)}`;
const count = (n: number) => n.toLocaleString("en-US");
const plural = (n: number, what: string) => `${count(n)} ${what}${n === 1 ? "" : "s"}`;

/** One row, its fields in the table's order. */
export function row(section: string, figure: string, value: string, unit: string, how: string): SummaryRow {
  return { section, figure, value, unit, how };
}

function workerRows(w: WorkerFigures): SummaryRow[] {
  const tasks = count(w.seed.tasks);
  const scans = [...w.plans, ...w.plansOptimized].reduce((n, f) => n + planWarnings(f.page.plan).length + planWarnings(f.count.plan).length, 0);
  const moved = w.retention.runs.reduce((n, r) => n + r.moved, 0);
  return [
    ...w.create.map((f) => row("1 create", `${plural(f.serials, "serial")}: median / p90`, pair(f.medianMs, f.p90Ms), "ms", `${f.runs} sequential POST /task, fetch to last byte`)),
    ...w.list.map((f) => row("2 list", `${f.case}: median / p90`, pair(f.medianMs, f.p90Ms), "ms", `${f.runs} sequential GET /task over ${tasks} tasks`)),
    ...w.plans.map((f) =>
      row("3 rows read", `${f.case}: page + total (per row)`, `${f.page.rowsRead} + ${f.count.rowsRead} (${perRow(f.page)})`, "rows", `meta.rows_read via Miniflare, ${tasks} tasks, no ANALYZE`),
    ),
    row("3 rows read", "GET /task/stats", String(w.stats.rowsRead), "rows", `meta.rows_read via Miniflare, ${tasks} tasks`),
    row("3 plans", "SCAN or SORT of tasks", String(scans), "steps", "EXPLAIN QUERY PLAN, before and after PRAGMA optimize"),
    row(
      "4 dispatch",
      "due → run at agent: p50 / p99",
      pair(w.dispatch.dueToRun.p50, w.dispatch.dueToRun.p99),
      "ms",
      `${w.dispatch.tasks} tasks due ${w.dispatch.stepMs} ms apart, ${w.dispatch.phones} agents`,
    ),
    ...w.throughput.map((f) => row("5 throughput", `${plural(f.phones, "phone")}, create → result`, f.tasksPerS.toFixed(1), "tasks/s", `one create of ${count(f.tasks)}, agents answer at once`)),
    row("12 retention", "finished tasks moved D1 → R2", count(Math.round(w.retention.movedPerS)), "tasks/s", `${w.retention.runs.length} Cron runs on wrangler dev, ${count(moved)} tasks moved`),
  ];
}

function pushRows(p: PushFigure): SummaryRow[] {
  const how = `median of ${p.rounds.length} rounds, ${p.bytes / 2 ** 20} MB, fake phone`;
  return [
    row("6 push", "driver / adb push", p.ratio.toFixed(2), "ratio", "ratio of the medians below"),
    row("6 push", "AdbkitDriver.push", p.driverMedianMBps.toFixed(1), "MB/s", how),
    row("6 push", "adb push, spawn to exit", p.cliMedianMBps.toFixed(1), "MB/s", how),
  ];
}

function libraryRows(f: LibraryFigure): SummaryRow[] {
  const how = `${f.bytes / 2 ** 20} MB, wrangler dev, local R2; ratio to fs.copyFile of the same bytes`;
  const speed = (figure: string, mbps: number) => row("9 library", figure, `${mbps.toFixed(1)} (${(mbps / f.plainCopyMBps).toFixed(2)})`, "MB/s (ratio)", how);
  return [
    speed("single upload", f.singleMBps),
    speed("multipart upload, 10 MB parts", f.multipartMBps),
    speed("agent fetch, SHA-256 checked", f.agentFetchMBps),
    row("9 library", "plain copy on this disk", f.plainCopyMBps.toFixed(1), "MB/s", "fs.copyFile, the yardstick"),
  ];
}

function loadRows(f: LoadFigure): SummaryRow[] {
  const section = "8 load";
  const server = f.server;
  return [
    row(section, "throughput, all kinds", f.requestsPerS.toFixed(1), "req/s", `${f.clients} clients, ${count(f.requests)} requests mixed, keep-alive`),
    row(section, "all kinds: p50 / p99", pair(f.overall.p50, f.overall.p99), "ms", "fetch to last byte, per request"),
    ...f.kinds.map((k) => row(section, `${k.kind}: p50 / p99`, pair(k.p50, k.p99), "ms", `${count(k.count)} requests, ${k.perS.toFixed(1)} req/s within the mix`)),
    ...(server === undefined
      ? []
      : [row(section, "wrangler dev CPU per request", server.cpuMsPerRequest.toFixed(1), "ms", `its process tree, /proc; ${server.tree.cpuPercent.toFixed(0)} % of a core`)]),
    row(section, "errors", String(f.errors.total), "requests", "transport, non-2xx, non-zero code, wrong data"),
    row(section, "rate-limited (429)", String(f.errors.rateLimited), "requests", "HTTP 429 or code 42901; limit raised"),
    row(section, "lost tasks", String(f.lostTasks), "tasks", "created ids missing from GET /task afterwards"),
    row(section, "tasks in D1 / ids answered", `${count(f.check.statsTotal)} / ${count(f.check.created)}`, "tasks", `GET /task/stats total; ${f.check.duplicates} ids twice`),
  ];
}
