import type { D1Database } from "@cloudflare/workers-types/experimental";
import { drizzle } from "drizzle-orm/sqlite-proxy";
import { z } from "zod";
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

const planRow = z.object({ id: z.number(), parent: z.number(), detail: z.string() });

export interface StatementFigure {
  sql: string;
  params: unknown[];
  /** meta.rows_read of one run of the statement. */
  rowsRead: number;
  /** EXPLAIN QUERY PLAN, one step a line, indented under its parent. */
  plan: string[];
}

export interface PlanFigure {
  case: string;
  page: StatementFigure;
  count: StatementFigure;
}

/** Section 3: each list case's page and count statements, run once and explained. */
export async function measurePlans(db: D1Database, workspaceId: string, cases: readonly ListCase[]): Promise<PlanFigure[]> {
  const figures: PlanFigure[] = [];
  for (const c of cases) {
    const [page, count] = taskListQueries(sqlOnly, workspaceId, c.filters, c.limit, c.offset);
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
  const explained = await db
    .prepare(`EXPLAIN QUERY PLAN ${statement.sql}`)
    .bind(...statement.params)
    .all();
  const steps = z.array(planRow).parse(explained.results);
  return {
    rows: result.results.length,
    firstRow: result.results[0],
    figure: { sql: statement.sql, params: statement.params, rowsRead: result.meta.rows_read, plan: indentPlan(steps) },
  };
}

function indentPlan(steps: readonly z.infer<typeof planRow>[]): string[] {
  const depth = new Map<number, number>();
  return steps.map((step) => {
    const level = step.parent === 0 ? 0 : (depth.get(step.parent) ?? 0) + 1;
    depth.set(step.id, level);
    return `${"  ".repeat(level)}${step.detail}`;
  });
}

/**
 * What is wrong with a plan, loudly: reading the whole tasks table (or a whole index of
 * it) instead of searching one, or sorting the matches in a temporary B-tree instead of
 * reading them in id order from an index.
 */
export function planWarnings(plan: readonly string[]): string[] {
  const warnings: string[] = [];
  for (const step of plan.map((s) => s.trim())) {
    if (/^SCAN tasks\b/.test(step)) warnings.push(step.includes("INDEX") ? `SCAN! whole index: ${step}` : `SCAN! whole table: ${step}`);
    if (step.includes("TEMP B-TREE")) warnings.push(`SORT! ${step}`);
  }
  return warnings;
}
