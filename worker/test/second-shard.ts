import { env } from "cloudflare:test";

/** The tests' second shard (vitest.config.ts binds it as DB_2). */
export const SECOND_SHARD = "DB_2";

export function secondShard(): D1Database {
  const db = env.DB_2;
  if (db === undefined) throw new Error("the worker tests expect a D1 binding DB_2 (vitest.config.ts)");
  return db;
}
