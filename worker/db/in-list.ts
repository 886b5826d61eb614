import { type SQL, type SQLWrapper, sql } from "drizzle-orm";

/**
 * `column IN (…)` for a list of any length as ONE bound parameter: the list travels as a
 * JSON array and SQLite unpacks it with json_each. An ordinary IN list binds a parameter
 * per value and breaks D1's 100-parameter limit at the 101st; this never does, and the
 * planner still uses the column's index.
 */
export function inList(column: SQLWrapper, values: readonly (string | number)[]): SQL {
  return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
}
