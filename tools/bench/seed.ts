import type { D1Database } from "@cloudflare/workers-types/experimental";
import type { TaskFilters } from "../../worker/tasks/queries";

/** How a seed lays out its tasks. */
export interface SeedShape {
  tasks: number;
  /** Phones `phone-0` … `phone-<serials - 1>`: task n is for phone n % serials. */
  serials: number;
  /** Consecutive tasks' created_at this far apart, the newest now. */
  spacingMs: number;
  /**
   * Pending tasks due from this far after now on (task n at that moment + n seconds) rather
   * than at their created_at: a phone whose agent connects then has nothing due to run.
   */
  pendingDueInMs?: number;
}

/** Sections 2 and 3: 1,000,000 tasks on 200 phones, one a second, every pending task due (issue 16's size). */
export const LIST_SEED: SeedShape = { tasks: 1_000_000, serials: 200, spacingMs: 1000 };
export const SEED_TASKS = LIST_SEED.tasks;

/**
 * Task n of the seed, as the INSERT below computes it. The status goes by round
 * (n / serials), not n % 4: with 200 phones, n % 4 would give each phone a single status and
 * `status=1&serial=phone-7` would match nothing.
 */
function seedTask(n: number, shape: SeedShape) {
  return {
    serial: `phone-${n % shape.serials}`,
    status: Math.floor(n / shape.serials) % 4,
    scriptName: n % 10 === 0 ? "follow" : "post",
    source: n % 5 === 0 ? "ui" : "api",
  };
}

/**
 * One statement: a recursive CTE counts n up and INSERT … SELECT writes a task for each,
 * `spacingMs` apart (?4), the newest now. Started and finished times follow the status (0
 * pending, 1 running, 2 completed, 3 failed) so the rows look like real ones; a pending
 * task is due at its created_at, or from ?5 on when the shape queues them for later.
 */
const seedSql = (serials: number) => `
WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n + 1 < ?1),
seeded AS (SELECT n, (n / ${serials}) % 4 AS status, ?3 + n * ?4 AS created_at FROM seq)
INSERT INTO tasks (workspace_id, serial, platform, script_name, script_config, status, source,
                   scheduled_at, started_at, finished_at, created_at, updated_at, request_id)
SELECT ?2, 'phone-' || (n % ${serials}), 'tiktok',
       CASE WHEN n % 10 = 0 THEN 'follow' ELSE 'post' END, '{}', status,
       CASE WHEN n % 5 = 0 THEN 'ui' ELSE 'api' END,
       CASE WHEN status = 0 AND ?5 IS NOT NULL THEN ?5 + n * 1000 ELSE created_at END,
       CASE WHEN status >= 1 THEN created_at + 60000 END,
       CASE WHEN status >= 2 THEN created_at + 120000 END,
       created_at,
       created_at + CASE WHEN status >= 2 THEN 120000 WHEN status = 1 THEN 60000 ELSE 0 END,
       'seed'
FROM seeded`;

export interface SeedResult {
  ms: number;
  rowsWritten: number;
  /** The seeded tasks' ids: consecutive, task n of the seed being `firstId + n` (checked). */
  firstId: number;
  lastId: number;
}

export async function seedTasks(db: D1Database, workspaceId: string, shape: SeedShape = LIST_SEED): Promise<SeedResult> {
  if (!Number.isSafeInteger(shape.serials) || shape.serials < 1) throw new Error(`seed: ${shape.serials} phones`);
  const newest = Date.now();
  const pendingDueAt = shape.pendingDueInMs === undefined ? null : newest + shape.pendingDueInMs;
  const started = performance.now();
  const result = await db
    .prepare(seedSql(shape.serials))
    .bind(shape.tasks, workspaceId, newest - shape.tasks * shape.spacingMs, shape.spacingMs, pendingDueAt)
    .run();
  const ms = performance.now() - started;
  // A cursor case names a task by id, so the ids must be what the seed's order says.
  const ids = await db.prepare("SELECT min(id) AS first, max(id) AS last, count(*) AS n FROM tasks WHERE workspace_id = ?").bind(workspaceId).first<{ first: number; last: number; n: number }>();
  if (ids === null || ids.n !== shape.tasks || ids.last - ids.first + 1 !== shape.tasks) {
    throw new Error(`seed: the workspace holds ${ids?.n ?? 0} tasks with ids ${ids?.first ?? "?"} to ${ids?.last ?? "?"}, not ${shape.tasks} consecutive ones`);
  }
  return { ms, rowsWritten: result.meta.rows_written, firstId: ids.first, lastId: ids.last };
}

/**
 * Device rows for phones `phone-<from>` … `phone-<from + count - 1>` that an agent drove
 * once and that are offline now: connection closed, last seen 1, 2, … hours ago. (A phone
 * that is online gets its row from its agent's hello.)
 */
export async function seedOfflinePhones(db: D1Database, workspaceId: string, from: number, count: number, now = Date.now()): Promise<void> {
  const insert = db.prepare(
    `INSERT INTO devices (workspace_id, serial, model, android_version, agent_id, agent_version, connected, last_seen_at, created_at)
     VALUES (?1, ?2, 'bench', '14', 'bench-agent', '0.0.0-bench', 0, ?3, ?4)`,
  );
  const rows = Array.from({ length: count }, (_, i) => insert.bind(workspaceId, `phone-${from + i}`, now - (i + 1) * 3600_000, now - 7 * 24 * 3600_000));
  await db.batch(rows);
}

/** How many seeded tasks a list with these filters must report as its total. */
export function expectedTotal(filters: TaskFilters, shape: SeedShape = LIST_SEED): number {
  let total = 0;
  for (let n = 0; n < shape.tasks; n++) {
    const task = seedTask(n, shape);
    if (filters.status !== undefined && task.status !== filters.status) continue;
    if (filters.serial !== undefined && task.serial !== filters.serial) continue;
    if (filters.scriptName !== undefined && task.scriptName !== filters.scriptName) continue;
    if (filters.source !== undefined && task.source !== filters.source) continue;
    total++;
  }
  return total;
}
