import type { D1Database } from "@cloudflare/workers-types/experimental";
import type { TaskFilters } from "../../worker/tasks/queries";

export const SEED_TASKS = 100_000;
const SERIALS = 200;

/**
 * Task n of the seed, as the INSERT below computes it. The status goes by round
 * (n / 200), not n % 4: with 200 phones, n % 4 would give each phone a single status and
 * `status=1&serial=phone-7` would match nothing.
 */
function seedTask(n: number) {
  return {
    serial: `phone-${n % SERIALS}`,
    status: Math.floor(n / SERIALS) % 4,
    scriptName: n % 10 === 0 ? "follow" : "post",
    source: n % 5 === 0 ? "ui" : "api",
  };
}

/**
 * One statement: a recursive CTE counts n up and INSERT … SELECT writes a task for each,
 * one second apart, the newest now. Started and finished times follow the status (0
 * pending, 1 running, 2 completed, 3 failed) so the rows look like real ones.
 */
const SEED_SQL = `
WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n + 1 < ?1),
seeded AS (SELECT n, (n / ${SERIALS}) % 4 AS status, ?3 + n * 1000 AS created_at FROM seq)
INSERT INTO tasks (workspace_id, serial, platform, script_name, script_config, status, source,
                   scheduled_at, started_at, finished_at, created_at, updated_at, request_id)
SELECT ?2, 'phone-' || (n % ${SERIALS}), 'tiktok',
       CASE WHEN n % 10 = 0 THEN 'follow' ELSE 'post' END, '{}', status,
       CASE WHEN n % 5 = 0 THEN 'ui' ELSE 'api' END,
       created_at,
       CASE WHEN status >= 1 THEN created_at + 60000 END,
       CASE WHEN status >= 2 THEN created_at + 120000 END,
       created_at,
       created_at + CASE WHEN status >= 2 THEN 120000 WHEN status = 1 THEN 60000 ELSE 0 END,
       'seed'
FROM seeded`;

export interface SeedResult {
  ms: number;
  rowsWritten: number;
}

export async function seedTasks(db: D1Database, workspaceId: string): Promise<SeedResult> {
  const newest = Date.now();
  const started = performance.now();
  const result = await db.prepare(SEED_SQL).bind(SEED_TASKS, workspaceId, newest - SEED_TASKS * 1000).run();
  return { ms: performance.now() - started, rowsWritten: result.meta.rows_written };
}

/** How many seeded tasks a list with these filters must report as its total. */
export function expectedTotal(filters: TaskFilters): number {
  let total = 0;
  for (let n = 0; n < SEED_TASKS; n++) {
    const task = seedTask(n);
    if (filters.status !== undefined && task.status !== filters.status) continue;
    if (filters.serial !== undefined && task.serial !== filters.serial) continue;
    if (filters.scriptName !== undefined && task.scriptName !== filters.scriptName) continue;
    if (filters.source !== undefined && task.source !== filters.source) continue;
    total++;
  }
  return total;
}
