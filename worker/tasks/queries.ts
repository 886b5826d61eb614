import { and, count, desc, eq, type SQL } from "drizzle-orm";
import { TaskStatus, type TaskSource } from "../../shared/task-status";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client";
import { type Task, tasks } from "../db/schema";
import { notFound } from "../http/api-error";

export interface TaskFilters {
  status?: TaskStatus | undefined;
  serial?: string | undefined;
  scriptName?: string | undefined;
  source?: TaskSource | undefined;
}

/** The WHERE of a task list: always the workspace, then each filter given. */
export function taskFilter(workspaceId: string, filters: TaskFilters): SQL | undefined {
  return and(
    eq(tasks.workspaceId, workspaceId),
    filters.status === undefined ? undefined : eq(tasks.status, filters.status),
    filters.serial === undefined ? undefined : eq(tasks.serial, filters.serial),
    filters.scriptName === undefined ? undefined : eq(tasks.scriptName, filters.scriptName),
    filters.source === undefined ? undefined : eq(tasks.source, filters.source),
  );
}

/**
 * The two statements of a list: the page, newest first, and the total under the same
 * filter. Built on any SQLite drizzle database so the benchmark can read the very SQL the
 * Worker runs (for its query plan and rows read).
 */
// `any` here stands for whichever driver and schema the caller's drizzle database has.
export function taskListQueries<D extends BaseSQLiteDatabase<"async" | "sync", any, any>>(
  db: D,
  workspaceId: string,
  filters: TaskFilters,
  limit: number,
  offset: number,
) {
  const where = taskFilter(workspaceId, filters);
  return [
    db.select().from(tasks).where(where).orderBy(desc(tasks.id)).limit(limit).offset(offset),
    db.select({ total: count() }).from(tasks).where(where),
  ] as const;
}

/** One page and its total, in one round trip. */
export async function listTasks(
  db: Db,
  workspaceId: string,
  filters: TaskFilters,
  limit: number,
  offset: number,
): Promise<{ rows: Task[]; total: number }> {
  const [rows, totals] = await db.batch(taskListQueries(db, workspaceId, filters, limit, offset));
  return { rows, total: totals[0]?.total ?? 0 };
}

export async function getTask(db: Db, workspaceId: string, id: number): Promise<Task> {
  const task = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.workspaceId, workspaceId), eq(tasks.id, id)))
    .get();
  // Another workspace's task is "not found", never "forbidden": its existence is not ours to tell.
  if (task === undefined) throw notFound(`task ${id}`);
  return task;
}

export async function taskStats(db: Db, workspaceId: string) {
  const rows = await db
    .select({ status: tasks.status, n: count() })
    .from(tasks)
    .where(eq(tasks.workspaceId, workspaceId))
    .groupBy(tasks.status)
    .all();
  const of = (status: TaskStatus) => rows.find((r) => r.status === status)?.n ?? 0;
  const stats = {
    pending: of(TaskStatus.Pending),
    running: of(TaskStatus.Running),
    completed: of(TaskStatus.Completed),
    failed: of(TaskStatus.Failed),
  };
  return { total: stats.pending + stats.running + stats.completed + stats.failed, ...stats };
}
