import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "./client";
import { D1_MAX_BOUND_PARAMETERS } from "./param-limit";

/** Splits a list into runs of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Splits rows of one shape into groups that each fit one multi-row INSERT under D1's
 * parameter limit. The parameters per row are read off the SQL drizzle builds for the
 * first row (defaults included), so a new column can never silently push a group over.
 */
export function chunkInsertRows<T extends SQLiteTable>(
  db: Db,
  table: T,
  rows: readonly T["$inferInsert"][],
): T["$inferInsert"][][] {
  const first = rows[0];
  if (first === undefined) return [];
  const perRow = Math.max(1, db.insert(table).values(first).toSQL().params.length);
  return chunk(rows, Math.max(1, Math.floor(D1_MAX_BOUND_PARAMETERS / perRow)));
}

/** The largest `IN (...)` list that fits one statement beside `otherParams` others. */
export function inListSize(otherParams: number): number {
  return D1_MAX_BOUND_PARAMETERS - otherParams;
}
