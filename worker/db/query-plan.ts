import { z } from "zod";

/** A statement as drizzle's `.toSQL()` gives it, or as a driver received it. */
export interface BoundStatement {
  sql: string;
  params: unknown[];
}

const planRow = z.object({ id: z.number(), parent: z.number(), detail: z.string() });

/**
 * SQLite's EXPLAIN QUERY PLAN of a statement, one step a line, indented under its parent.
 * Shared by the query-plan test (worker/db/query-plans.test.ts) and the bench's plan section
 * (tools/bench/d1-plans.ts), so both judge plans the same way.
 */
export async function explainPlan(db: D1Database, statement: BoundStatement): Promise<string[]> {
  const explained = await db
    .prepare(`EXPLAIN QUERY PLAN ${statement.sql}`)
    .bind(...statement.params)
    .all();
  return indentPlan(z.array(planRow).parse(explained.results));
}

function indentPlan(steps: readonly z.infer<typeof planRow>[]): string[] {
  const depth = new Map<number, number>();
  return steps.map((step) => {
    const level = step.parent === 0 ? 0 : (depth.get(step.parent) ?? 0) + 1;
    depth.set(step.id, level);
    return `${"  ".repeat(level)}${step.detail}`;
  });
}

/** The tables whose full reads a hot statement must never need: they grow with the workspace's history. */
export const GROWING_TABLES = ["tasks", "devices", "task_logs"] as const;

/**
 * What is wrong with a plan, loudly: reading a whole table of `tables` (or a whole index of
 * one) instead of searching it, or sorting the matches in a temporary B-tree instead of
 * reading them in order from an index. D1 bills every row a statement reads, so either
 * costs the whole table (or every match) on each call. `sql` lets a step that names a
 * table by its alias (`FROM tasks AS r`) be recognised.
 */
export function planWarnings(plan: readonly string[], tables: readonly string[] = ["tasks"], sql = ""): string[] {
  const watched = new Set([...tables, ...aliasesOf(sql, tables)]);
  const warnings: string[] = [];
  for (const step of plan.map((s) => s.trim())) {
    const scanned = /^SCAN (\S+)/.exec(step)?.[1];
    if (scanned !== undefined && watched.has(scanned)) {
      warnings.push(step.includes("INDEX") ? `SCAN! whole index: ${step}` : `SCAN! whole table: ${step}`);
    }
    if (step.includes("TEMP B-TREE")) warnings.push(`SORT! ${step}`);
  }
  return warnings;
}

/** The names `sql` gives `tables` with AS (`"tasks" AS r`, `tasks AS "r"`). */
function aliasesOf(sql: string, tables: readonly string[]): string[] {
  const aliases: string[] = [];
  for (const match of sql.matchAll(/["`]?(\w+)["`]?\s+AS\s+["`]?(\w+)["`]?/gi)) {
    const [, table, alias] = match;
    if (table !== undefined && alias !== undefined && tables.includes(table)) aliases.push(alias);
  }
  return aliases;
}
