import { env } from "cloudflare:test";

/**
 * The oracle for the task counters (migration 0017): a recount of `tasks` by GROUP BY, written
 * out here rather than taken from the code under test. Counters at 0 are kept (a status a
 * phone had once), so only non-zero ones are compared; a negative one is always wrong.
 */
const RECOUNT = `
  SELECT workspace_id, '' AS dimension, '' AS value, status, count(*) AS n FROM tasks GROUP BY workspace_id, status
  UNION ALL SELECT workspace_id, 'serial', serial, status, count(*) FROM tasks GROUP BY workspace_id, serial, status
  UNION ALL SELECT workspace_id, 'script', script_name, status, count(*) FROM tasks GROUP BY workspace_id, script_name, status
  UNION ALL SELECT workspace_id, 'source', source, status, count(*) FROM tasks GROUP BY workspace_id, source, status`;

interface CountRow {
  workspace_id: string;
  dimension: string;
  value: string;
  status: number;
  n: number;
}

const keyOf = (r: CountRow) => JSON.stringify([r.workspace_id, r.dimension, r.value, r.status]);

/** Every way the counters differ from a recount of the tasks, in every workspace; empty when they agree. */
export async function countDrift(): Promise<string[]> {
  const [kept, recounted] = await env.DB.batch<CountRow>([
    env.DB.prepare("SELECT workspace_id, dimension, value, status, n FROM task_counts WHERE n <> 0"),
    env.DB.prepare(RECOUNT),
  ]);
  const want = new Map((recounted?.results ?? []).map((r) => [keyOf(r), r.n]));
  const have = new Map((kept?.results ?? []).map((r) => [keyOf(r), r.n]));
  const drift: string[] = [];
  for (const [key, n] of want) if (have.get(key) !== n) drift.push(`${key}: counted ${have.get(key) ?? 0}, tasks hold ${n}`);
  for (const [key, n] of have) if (!want.has(key)) drift.push(`${key}: counted ${n}, tasks hold 0`);
  return drift;
}

/** How many tasks of the workspace match `where` (SQL over tasks' columns, with `params`): the API's totals must say the same. */
export async function recount(workspaceId: string, where = "1", params: unknown[] = []): Promise<number> {
  const row = await env.DB.prepare(`SELECT count(*) AS n FROM tasks WHERE workspace_id = ? AND (${where})`)
    .bind(workspaceId, ...params)
    .first<{ n: number }>();
  return row?.n ?? 0;
}
