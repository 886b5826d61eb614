import type { D1Database as WorkersD1Database } from "@cloudflare/workers-types/experimental";

/**
 * The bench builds its SQL with the Worker's own `taskListQueries`, so the tools program
 * type-checks worker/tasks/queries.ts, whose type-only import of worker/db/client.ts names
 * the Workers global `D1Database`. The tools are checked against Node's globals, which
 * clash with the Workers ones, so only this one name is declared here, as the module form
 * of the same package (the type Miniflare's `getD1Database` returns).
 */
declare global {
  type D1Database = WorkersD1Database;
}
