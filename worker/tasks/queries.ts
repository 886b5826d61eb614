import { and, desc, eq, lt } from "drizzle-orm";
import { TaskStatus } from "../../shared/task-status";
import type { AnySqliteDb, Db } from "../db/client";
import { type Task, tasks } from "../db/schema";
import { notFound } from "../http/api-error";
import { type TaskFilters, taskFilter } from "./task-filter";
import { taskStatsQuery, taskTotalQuery } from "./task-totals";

export { taskFilter, type TaskFilters };

/**
 * Where a page starts: `offset` tasks into the list (TikMatrix's page/page_size), or below
 * the task id a cursor carries (null: the first page). An offset page reads every task it
 * skips; a cursor page is a keyset search on the same index and reads only its own rows.
 */
export type PageStart = { offset: number } | { belowId: number | null };

/**
 * The two statements of a list: the page, newest first, and the total under the same
 * filter (a counter when one holds it, worker/tasks/task-totals.ts). Built on any SQLite
 * drizzle database so the benchmark and the query-plan test read the very SQL the Worker
 * runs. A cursor page asks for one task more than it shows, to know whether a next page exists.
 */
export function taskListQueries<D extends AnySqliteDb>(
  db: D,
  workspaceId: string,
  filters: TaskFilters,
  limit: number,
  start: PageStart,
) {
  const where = taskFilter(workspaceId, filters);
  const below = "offset" in start || start.belowId === null ? undefined : lt(tasks.id, start.belowId);
  const newestFirst = db.select().from(tasks).where(and(where, below)).orderBy(desc(tasks.id));
  const page = "offset" in start ? newestFirst.limit(limit).offset(start.offset) : newestFirst.limit(limit + 1);
  return [page, taskTotalQuery(db, workspaceId, filters)] as const;
}

/** One page, its total and whether tasks follow it, in one round trip (one snapshot). */
export async function listTasks(
  db: Db,
  workspaceId: string,
  filters: TaskFilters,
  limit: number,
  start: PageStart,
): Promise<{ rows: Task[]; total: number; more: boolean }> {
  const [fetched, totals] = await db.batch(taskListQueries(db, workspaceId, filters, limit, start));
  const total = totals[0]?.total ?? 0;
  const rows = fetched.slice(0, limit);
  return { rows, total, more: "offset" in start ? start.offset + rows.length < total : fetched.length > limit };
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

/** `GET /task/stats`: read from the counters, a handful of rows however many tasks there are. */
export async function taskStats(db: Db, workspaceId: string) {
  const rows = await taskStatsQuery(db, workspaceId).all();
  const of = (status: TaskStatus) => rows.find((r) => r.status === status)?.n ?? 0;
  const stats = {
    pending: of(TaskStatus.Pending),
    running: of(TaskStatus.Running),
    completed: of(TaskStatus.Completed),
    failed: of(TaskStatus.Failed),
  };
  return { total: stats.pending + stats.running + stats.completed + stats.failed, ...stats };
}
