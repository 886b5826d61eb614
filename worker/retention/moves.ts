import { and, eq, gte, lte, not, sql } from "drizzle-orm";
import { inList } from "../db/in-list";
import { historyMoves, tasks } from "../db/schema";
import type { UtcDay } from "./utc-day";
import type { AnySqliteDb } from "../db/client";


/**
 * The statements of `history_moves` (worker/db/schema/history-moves.ts): the ids that may be
 * in a day object while their row is still in D1.
 */

export function movesOfDay<D extends AnySqliteDb>(db: D, workspaceId: string, day: UtcDay) {
  return db
    .select({ taskId: historyMoves.taskId })
    .from(historyMoves)
    .where(and(eq(historyMoves.workspaceId, workspaceId), eq(historyMoves.day, day)));
}

/** Noted before the object that will hold these tasks is written. */
export function noteMoves<D extends AnySqliteDb>(db: D, workspaceId: string, day: UtcDay, taskIds: readonly number[]) {
  // `WHERE true` keeps SQLite from reading ON CONFLICT as part of the SELECT's join.
  return db
    .insert(historyMoves)
    .select(sql`SELECT ${workspaceId}, ${day}, value FROM json_each(${JSON.stringify(taskIds)}) WHERE true`)
    .onConflictDoNothing();
}

/**
 * After the object was written and the rows deleted (the same batch): of the ids this write
 * dropped from the object or wrote into it (`known`), only those written whose row is still
 * in D1 (it changed while being moved, so it was not deleted) stay noted.
 */
export function clearMoves<D extends AnySqliteDb>(db: D, workspaceId: string, day: UtcDay, known: readonly number[], written: readonly number[]) {
  const stillInD1 = sql`EXISTS (SELECT 1 FROM ${tasks} WHERE ${tasks.id} = ${historyMoves.taskId})`;
  return db
    .delete(historyMoves)
    .where(and(eq(historyMoves.workspaceId, workspaceId), eq(historyMoves.day, day), inList(historyMoves.taskId, known), not(and(inList(historyMoves.taskId, written), stillInD1) ?? sql`false`)));
}

/** The days of every workspace with ids noted: what a run that died left for the next to finish. */
export function movedDays<D extends AnySqliteDb>(db: D, limit: number) {
  return db
    .select({ workspaceId: historyMoves.workspaceId, day: historyMoves.day })
    .from(historyMoves)
    .groupBy(historyMoves.workspaceId, historyMoves.day)
    .limit(limit);
}

/** The ids noted for a workspace's days in [first, last]: the export's list of archived copies that may be stale. */
export function movesInDays<D extends AnySqliteDb>(db: D, workspaceId: string, first: UtcDay, last: UtcDay) {
  return db
    .select({ day: historyMoves.day, taskId: historyMoves.taskId })
    .from(historyMoves)
    .where(and(eq(historyMoves.workspaceId, workspaceId), gte(historyMoves.day, first), lte(historyMoves.day, last)));
}
