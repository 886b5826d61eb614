/**
 * A log of every row D1 writes, whoever writes it (the Worker, the phones' objects): a
 * trigger on every table of the schema notes each insert, update and delete in
 * `_d1_writes`, with the table and the time (ms since the epoch, SQLite's clock when the
 * statement ran). Never part of the Worker: the workerd tests use it to prove that a path
 * writes nothing (worker/test/d1-writes.ts), and the bench to count the writes of 1,000
 * heartbeating phones on wrangler dev's local D1 (tools/bench/presence.ts).
 */
export const WRITE_LOG_TABLE = "_d1_writes";

/** One row written, as the log holds it. */
export interface LoggedWrite {
  at_table: string;
  at_ms: number;
}

/** Creates the log and its triggers (idempotent): from now on every row written is noted. */
export async function installWriteLog(db: D1Database): Promise<void> {
  await db.prepare(`CREATE TABLE IF NOT EXISTS ${WRITE_LOG_TABLE} (at_table TEXT NOT NULL, at_ms REAL NOT NULL)`).run();
  const tables = await db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT IN ('${WRITE_LOG_TABLE}', 'd1_migrations')`)
    .all<{ name: string }>();
  const triggers = tables.results.flatMap(({ name }) =>
    ["INSERT", "UPDATE", "DELETE"].map((event) =>
      db.prepare(
        `CREATE TRIGGER IF NOT EXISTS "_count_${name}_${event}" AFTER ${event} ON "${name}" BEGIN INSERT INTO ${WRITE_LOG_TABLE} VALUES ('${name}', unixepoch('subsec') * 1000); END`,
      ),
    ),
  );
  await db.batch(triggers);
}

export async function countLoggedWrites(db: D1Database): Promise<number> {
  return (await db.prepare(`SELECT count(*) AS n FROM ${WRITE_LOG_TABLE}`).first<{ n: number }>())?.n ?? 0;
}

export async function loggedWrites(db: D1Database): Promise<LoggedWrite[]> {
  return (await db.prepare(`SELECT at_table, at_ms FROM ${WRITE_LOG_TABLE} ORDER BY rowid`).all<LoggedWrite>()).results;
}
