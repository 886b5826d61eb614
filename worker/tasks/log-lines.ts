import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { taskLogs } from "../db/schema";

export type TaskLogLine = typeof taskLogs.$inferSelect;

/** A task's lines past this are not returned (a run writes tens, not thousands). */
const MAX_LOG_LINES = 5000;

/**
 * A task's log lines: attempts in the order they began; within one, the agent's own order
 * (seq), which holds even when lines arrive out of order after a reconnect.
 */
export function logLinesOf(db: Db, taskId: number): Promise<TaskLogLine[]> {
  return db
    .select()
    .from(taskLogs)
    .where(eq(taskLogs.taskId, taskId))
    .orderBy(sql`(SELECT min(first.id) FROM ${taskLogs} AS first WHERE first.task_id = ${taskLogs.taskId} AND first.attempt_id = ${taskLogs.attemptId})`, asc(taskLogs.seq))
    .limit(MAX_LOG_LINES)
    .all();
}
