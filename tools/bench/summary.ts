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

function workerRows(w: WorkerFigures): SummaryRow[] {
  const tasks = count(w.seed.tasks);
  const scans = [...w.plans, ...w.plansOptimized].reduce((n, f) => n + planWarnings(f.page.plan).length + planWarnings(f.count.plan).length, 0);
  return [
    ...w.create.map((f) => ({
      section: "1 create",
      figure: `${count(f.serials)} serial${f.serials === 1 ? "" : "s"}: median / p90`,
      value: pair(f.medianMs, f.p90Ms),
      unit: "ms",
      how: `${f.runs} sequential POST /task, fetch to last byte`,
    })),
    ...w.list.map((f) => ({
      section: "2 list",
      figure: `${f.case}: median / p90`,
      value: pair(f.medianMs, f.p90Ms),
      unit: "ms",
      how: `${f.runs} sequential GET /task over ${tasks} tasks`,
    })),
    ...w.plans.map((f) => ({
      section: "3 rows read",
      figure: `${f.case}: page + total (per row)`,
      value: `${f.page.rowsRead} + ${f.count.rowsRead} (${perRow(f.page)})`,
      unit: "rows",
      how: `meta.rows_read via Miniflare, ${tasks} tasks, no ANALYZE`,
    })),
    { section: "3 rows read", figure: "GET /task/stats", value: String(w.stats.rowsRead), unit: "rows", how: `meta.rows_read via Miniflare, ${tasks} tasks` },
    { section: "3 plans", figure: "SCAN or SORT of tasks", value: String(scans), unit: "steps", how: "EXPLAIN QUERY PLAN, before and after PRAGMA optimize" },
    {
      section: "4 dispatch",
      figure: "due → run at agent: p50 / p99",
      value: pair(w.dispatch.dueToRun.p50, w.dispatch.dueToRun.p99),
      unit: "ms",
      how: `${w.dispatch.tasks} tasks due ${w.dispatch.stepMs} ms apart, ${w.dispatch.phones} agents`,
    },
    ...w.throughput.map((f) => ({
      section: "5 throughput",
      figure: `${f.phones} phone${f.phones === 1 ? "" : "s"}, create → result`,
      value: f.tasksPerS.toFixed(1),
      unit: "tasks/s",
      how: `one create of ${count(f.tasks)}, agents answer at once`,
    })),
    {
      section: "12 retention",
      figure: "finished tasks moved D1 → R2",
      value: w.retention.movedPerS.toFixed(0),
      unit: "tasks/s",
      how: `${w.retention.runs.length} Cron runs on wrangler dev, ${count(w.retention.runs.reduce((n, r) => n + r.moved, 0))} tasks moved`,
    },
  ];
}

function pushRows(p: PushFigure): SummaryRow[] {
  const how = `median of ${p.rounds.length} rounds, ${p.bytes / 2 ** 20} MB, fake phone`;
  return [
    { section: "6 push", figure: "driver / adb push", value: p.ratio.toFixed(2), unit: "ratio", how: "ratio of the medians below" },
    { section: "6 push", figure: "AdbkitDriver.push", value: p.driverMedianMBps.toFixed(1), unit: "MB/s", how },
    { section: "6 push", figure: "adb push, spawn to exit", value: p.cliMedianMBps.toFixed(1), unit: "MB/s", how },
  ];
}

function libraryRows(f: LibraryFigure): SummaryRow[] {
  const how = `${f.bytes / 2 ** 20} MB, wrangler dev, local R2; ratio to fs.copyFile of the same bytes`;
  const row = (figure: string, mbps: number): SummaryRow => ({ section: "9 library", figure, value: `${mbps.toFixed(1)} (${(mbps / f.plainCopyMBps).toFixed(2)})`, unit: "MB/s (ratio)", how });
  return [
    row("single upload", f.singleMBps),
    row("multipart upload, 10 MB parts", f.multipartMBps),
    row("agent fetch, SHA-256 checked", f.agentFetchMBps),
    { section: "9 library", figure: "plain copy on this disk", value: f.plainCopyMBps.toFixed(1), unit: "MB/s", how: "fs.copyFile, the yardstick" },
  ];
}

function loadRows(f: LoadFigure): SummaryRow[] {
  const setting = `${f.clients} clients, ${count(f.requests)} requests mixed`;
  return [
    { section: "8 load", figure: "throughput, all kinds", value: f.requestsPerS.toFixed(1), unit: "req/s", how: `${setting}, keep-alive` },
    { section: "8 load", figure: "all kinds: p50 / p99", value: pair(f.overall.p50, f.overall.p99), unit: "ms", how: "fetch to last byte, per request" },
    ...f.kinds.map((k) => ({
      section: "8 load",
      figure: `${k.kind}: p50 / p99`,
      value: pair(k.p50, k.p99),
      unit: "ms",
      how: `${count(k.count)} requests, ${k.perS.toFixed(1)} req/s within the mix`,
    })),
    ...(f.server === undefined
      ? []
      : [
          {
            section: "8 load",
            figure: "wrangler dev CPU per request",
            value: f.server.cpuMsPerRequest.toFixed(1),
            unit: "ms",
            how: `its process tree, /proc; ${f.server.tree.cpuPercent.toFixed(0)} % of a core`,
          },
        ]),
    { section: "8 load", figure: "errors", value: String(f.errors.total), unit: "requests", how: "transport, non-2xx, non-zero code, wrong data" },
    { section: "8 load", figure: "rate-limited (429)", value: String(f.errors.rateLimited), unit: "requests", how: "HTTP 429 or code 42901; limit raised" },
    { section: "8 load", figure: "lost tasks", value: String(f.lostTasks), unit: "tasks", how: "created ids missing from GET /task afterwards" },
    {
      section: "8 load",
      figure: "tasks in D1 / ids answered",
      value: `${count(f.check.statsTotal)} / ${count(f.check.created)}`,
      unit: "tasks",
      how: `GET /task/stats total; ${f.check.duplicates} ids twice`,
    },
  ];
}
