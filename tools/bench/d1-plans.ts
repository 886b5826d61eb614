import type { D1Database } from "@cloudflare/workers-types/experimental";
import { drizzle } from "drizzle-orm/sqlite-proxy";
import { explainPlan } from "../../worker/db/query-plan";
import { taskListQueries } from "../../worker/tasks/queries";
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
  /** EXPLAIN QUERY PLAN, one step a line, indented under its parent (worker/db/query-plan.ts). */
  plan: string[];
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
    const [page, count] = taskListQueries(sqlOnly, workspaceId, c.filters, c.limit, { offset: c.offset });
    const pageFigure = await measureStatement(db, page.toSQL());
    const countFigure = await measureStatement(db, count.toSQL());
    const total = Object.values(countFigure.firstRow ?? {})[0];
    if (pageFigure.rows !== c.expectedRows || total !== c.expectedTotal) {
      throw new BenchFailure(
        `the list statements for "${c.name}" read ${pageFigure.rows} rows and a total of ${String(total)}; the seed has ${c.expectedRows} and ${c.expectedTotal}`,
      );
    }
    figures.push({ case: c.name, page: pageFigure.figure, count: countFigure.figure });
  }
  return figures;
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
    figure: { sql: statement.sql, params: statement.params, rowsRead: result.meta.rows_read, plan },
  };
}
