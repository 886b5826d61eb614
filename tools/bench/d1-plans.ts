import type { D1Database } from "@cloudflare/workers-types/experimental";
import { drizzle } from "drizzle-orm/sqlite-proxy";
import { explainPlan } from "../../worker/db/query-plan";
import { taskListQueries } from "../../worker/tasks/queries";
import { taskStatsQuery } from "../../worker/tasks/task-totals";
import { TASK_STATUSES } from "../../shared/task-status";
import { expectedTotal } from "./seed";
import { BenchFailure } from "./failure";
import type { ListCase } from "./list-cases";

/**
 * A drizzle database that only builds SQL: the same SQLite dialect as the Worker's D1
 * driver, so `.toSQL()` gives the very statements the Worker sends.
 */
const sqlOnly = drizzle(async () => {
  throw new Error("the bench's drizzle instance only builds SQL; it never runs it");
});

export interface StatementFigure {
  sql: string;
  params: unknown[];
  /** meta.rows_read of one run of the statement. */
  rowsRead: number;
  /** The rows it answered (a cursor page asks for one more than it shows, to know whether a next page exists). */
  rowsReturned: number;
  /** EXPLAIN QUERY PLAN, one step a line, indented under its parent (worker/db/query-plan.ts). */
  plan: string[];
}

/** rows_read per row answered, to 2 decimals; "–" for a statement that answered nothing. */
export function perRow(f: StatementFigure): string {
  return f.rowsReturned === 0 ? "–" : (f.rowsRead / f.rowsReturned).toFixed(2);
}

export interface PlanFigure {
  case: string;
  page: StatementFigure;
  /** The answer's `total`: a counter read, or COUNT(*) for filters no counter holds (worker/tasks/task-totals.ts). */
  count: StatementFigure;
}

/** Section 3: each list case's page and total statements, run once and explained. */
export async function measurePlans(db: D1Database, workspaceId: string, cases: readonly ListCase[]): Promise<PlanFigure[]> {
  const figures: PlanFigure[] = [];
  for (const c of cases) {
    const [page, count] = taskListQueries(sqlOnly, workspaceId, c.filters, c.limit, c.start);
    const pageFigure = await measureStatement(db, page.toSQL());
    const countFigure = await measureStatement(db, count.toSQL());
    const total = Object.values(countFigure.firstRow ?? {})[0];
    // A cursor page reads one task beyond the page when there is one.
    const shown = "offset" in c.start ? pageFigure.rows : Math.min(pageFigure.rows, c.limit);
    if (shown !== c.expectedRows || total !== c.expectedTotal) {
      throw new BenchFailure(
        `the list statements for "${c.name}" read ${shown} rows and a total of ${String(total)}; the seed has ${c.expectedRows} and ${c.expectedTotal}`,
      );
    }
    if ("belowId" in c.start && c.start.belowId !== null && pageFigure.firstRow?.id !== c.start.belowId - 1) {
      throw new BenchFailure(`the cursor page of "${c.name}" starts at task ${String(pageFigure.firstRow?.id)}, not ${c.start.belowId - 1}`);
    }
    figures.push({ case: c.name, page: pageFigure.figure, count: countFigure.figure });
  }
  return figures;
}

/** Section 3 too: `GET /task/stats`'s statement, whose counts must be the seed's. */
export async function measureStats(db: D1Database, workspaceId: string): Promise<StatementFigure> {
  const { sql, params } = taskStatsQuery(sqlOnly, workspaceId).toSQL();
  const result = await db.prepare(sql).bind(...params).all<{ status: number; n: number }>();
  for (const status of TASK_STATUSES) {
    const n = result.results.find((row) => row.status === status)?.n ?? 0;
    if (n !== expectedTotal({ status })) throw new BenchFailure(`GET /task/stats's statement counts ${n} tasks of status ${status}; the seed has ${expectedTotal({ status })}`);
  }
  return { sql, params, rowsRead: result.meta.rows_read, rowsReturned: result.results.length, plan: await explainPlan(db, { sql, params }) };
}

async function measureStatement(db: D1Database, statement: { sql: string; params: unknown[] }) {
  const result = await db
    .prepare(statement.sql)
    .bind(...statement.params)
    .all<Record<string, unknown>>();
  const plan = await explainPlan(db, statement);
  return {
    rows: result.results.length,
    firstRow: result.results[0],
    figure: { sql: statement.sql, params: statement.params, rowsRead: result.meta.rows_read, rowsReturned: result.results.length, plan },
  };
}
