import { env } from "cloudflare:test";

/**
 * Counts the rows D1 writes, whoever writes them (the Worker, the phones' objects): a trigger
 * on every table of the schema notes each insert, update and delete in `_d1_writes`. For
 * tests that must prove a path writes nothing; they share the test file's database, so
 * compare counts before and after.
 */
export async function countD1Writes(): Promise<() => Promise<number>> {
  await env.DB.prepare("CREATE TABLE IF NOT EXISTS _d1_writes (at_table TEXT NOT NULL)").run();
  const tables = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT IN ('_d1_writes', 'd1_migrations')").all<{ name: string }>();
  const triggers = tables.results.flatMap(({ name }) =>
    ["INSERT", "UPDATE", "DELETE"].map((event) => env.DB.prepare(`CREATE TRIGGER IF NOT EXISTS "_count_${name}_${event}" AFTER ${event} ON "${name}" BEGIN INSERT INTO _d1_writes VALUES ('${name}'); END`)),
  );
  await env.DB.batch(triggers);
  return async () => (await env.DB.prepare("SELECT count(*) AS n FROM _d1_writes").first<{ n: number }>())?.n ?? 0;
}
