import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { taskLogs } from "../db/schema";
import { formatIso } from "../time/zoned";

export type TaskLogLine = typeof taskLogs.$inferSelect;

/** A task's lines past this are not returned (a run writes tens, not thousands). */
export const MAX_LOG_LINES = 5000;

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

/**
 * One task's lines in logLinesOf's order, sorted here rather than by SQLite: the history reads
 * the lines of hundreds of tasks in one statement, where that ORDER BY would sort them all in
 * a temporary B-tree.
 */
export function inLogOrder(lines: readonly TaskLogLine[]): TaskLogLine[] {
  const began = new Map<string, number>();
  for (const line of lines) began.set(line.attemptId, Math.min(began.get(line.attemptId) ?? line.id, line.id));
  const attemptStart = (line: TaskLogLine) => began.get(line.attemptId) ?? line.id;
  return [...lines].sort((a, b) => attemptStart(a) - attemptStart(b) || a.seq - b.seq).slice(0, MAX_LOG_LINES);
}

/** A line as `GET /task/{id}/logs` shows it. */
export function presentLogLine(line: TaskLogLine) {
  return { at: formatIso(line.at), level: line.level, message: line.message, attempt_id: line.attemptId };
}

export type ApiLogLine = ReturnType<typeof presentLogLine>;
