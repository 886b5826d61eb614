import { drizzle, type DrizzleD1Database } from "drizzle-orm/d1";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import * as schema from "./schema";
import { withParameterLimit } from "./param-limit";

export type Db = DrizzleD1Database<typeof schema> & { $client: D1Database };

/**
 * Any SQLite drizzle database: what a statement builder takes, so the Worker (on D1), the
 * query-plan test and the bench (a drizzle that only builds SQL) get the very same statement.
 * `any` stands for whichever driver and schema the caller's database has.
 */
export type AnySqliteDb = BaseSQLiteDatabase<"async" | "sync", any, any>;

export function openDb(d1: D1Database): Db {
  return drizzle(withParameterLimit(d1), { schema });
}
