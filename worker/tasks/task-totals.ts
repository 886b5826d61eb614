import { and, count, eq, sql } from "drizzle-orm";
import { type TaskCountDimension, taskCounts, tasks } from "../db/schema";
import { type TaskFilters, taskFilter } from "./task-filter";
import type { AnySqliteDb } from "../db/client";


/**
 * The counter that holds a list's total, or null when none does. The counters
 * (migration 0017) are kept per status overall and per status within ONE of serial,
 * script_name and source, so they answer no filter, a status, one of the three, or a status
 * with one of the three.
 */
export function counterOf(filters: TaskFilters): { dimension: TaskCountDimension; value: string } | null {
  const given = [
    filters.serial === undefined ? null : ({ dimension: "serial", value: filters.serial } as const),
    filters.scriptName === undefined ? null : ({ dimension: "script", value: filters.scriptName } as const),
    filters.source === undefined ? null : ({ dimension: "source", value: filters.source } as const),
  ].filter((d) => d !== null);
  if (given.length === 0) return { dimension: "", value: "" };
  return given.length === 1 ? (given[0] ?? null) : null;
}

/**
 * The statement that answers a list's `total`: a handful of counter rows (one with a status,
 * four without) whenever a counter holds it. Two or more of serial, script_name and source
 * are counted with COUNT(*) instead, on an index: with serial, tasks_queue (one phone's
 * tasks, of the status when one is given); script_name with source, tasks_script_source.
 * Keeping counters for every pair would multiply the rows each change of a task writes, for
 * filters clients rarely combine.
 */
export function taskTotalQuery<D extends AnySqliteDb>(db: D, workspaceId: string, filters: TaskFilters) {
  const counter = counterOf(filters);
  if (counter === null) return db.select({ total: count() }).from(tasks).where(countFilter(workspaceId, filters));
  return db
    .select({ total: sql<number>`coalesce(sum(${taskCounts.n}), 0)`.mapWith(Number) })
    .from(taskCounts)
    .where(
      and(
        eq(taskCounts.workspaceId, workspaceId),
        eq(taskCounts.dimension, counter.dimension),
        eq(taskCounts.value, counter.value),
        filters.status === undefined ? undefined : eq(taskCounts.status, filters.status),
      ),
    );
}

/**
 * The list's WHERE for a COUNT(*), steered to one phone's tasks when a serial is given. With
 * no statistics (D1 runs no ANALYZE of its own) SQLite weighs (workspace, serial) and
 * (workspace, script_name) alike and may count every task of a script to find one phone's; a
 * unary `+` keeps a term out of index selection (sqlite.org/optoverview.html) without
 * changing what it matches.
 */
function countFilter(workspaceId: string, filters: TaskFilters) {
  if (filters.serial === undefined) return taskFilter(workspaceId, filters);
  return and(
    taskFilter(workspaceId, { status: filters.status, serial: filters.serial }),
    filters.scriptName === undefined ? undefined : eq(sql`+${tasks.scriptName}`, filters.scriptName),
    filters.source === undefined ? undefined : eq(sql`+${tasks.source}`, filters.source),
  );
}

/** The workspace's counts by status: at most four rows (a status no task ever had has none). */
export function taskStatsQuery<D extends AnySqliteDb>(db: D, workspaceId: string) {
  return db
    .select({ status: taskCounts.status, n: taskCounts.n })
    .from(taskCounts)
    .where(and(eq(taskCounts.workspaceId, workspaceId), eq(taskCounts.dimension, ""), eq(taskCounts.value, "")));
}
