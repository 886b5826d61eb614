import { and, asc, eq, getTableColumns, gte, inArray, lt, sql } from "drizzle-orm";
import { TaskStatus } from "../../shared/task-status";
import type { AnySqliteDb, Db } from "../db/client";
import { inList } from "../db/in-list";
import { type Task, taskLogs, tasks } from "../db/schema";
import { inLogOrder, logLinesOf, MAX_LOG_LINES, type TaskLogLine } from "../tasks/log-lines";
import type { Position } from "./history-line";


/** finished_at in [from, to). */
export interface FinishedRange {
  from: number;
  to: number;
}

/** A page is cut at whichever comes first; it always holds one task when one follows. */
export interface PageLimits {
  tasks: number;
  /** Log lines, each task counted as GET /task/{id}/logs shows it (at most MAX_LOG_LINES). */
  lines: number;
}

export interface FinishedTask {
  task: Task;
  logs: TaskLogLine[];
  /** The task's lines in D1 when they were read: its row leaves D1 only while that still holds. */
  logCount: number;
}

export interface HistoryPage {
  tasks: FinishedTask[];
  /** Where the next page starts, or null when the range holds no more. */
  next: Position | null;
  /** D1 statements the page cost (a caller keeps within 1,000 per invocation). */
  statements: number;
}

export const FINISHED = [TaskStatus.Completed, TaskStatus.Failed];

// Aliased and qualified by hand: in a select's fields drizzle leaves columns unqualified, and
// an unqualified "id" in the subquery would be task_logs' own.
const logCount = sql<number>`(SELECT count(*) FROM ${taskLogs} AS l WHERE l.task_id = ${tasks}.id)`.mapWith(Number);

/**
 * The finished tasks of a range in history order (finished_at, then id) after `after`, a
 * keyset search on tasks_history, with how many log lines each has (task_logs_task, index only).
 */
export function finishedTasksQuery<D extends AnySqliteDb>(db: D, workspaceId: string, range: FinishedRange, after: Position | null, limit: number) {
  return db
    .select({ ...getTableColumns(tasks), logCount })
    .from(tasks)
    .where(
      and(
        eq(tasks.workspaceId, workspaceId),
        // The index range starts at the cursor's finished_at, so a later page reads only its own
        // rows (and those of the cursor's instant already shown): a filter alone would read
        // every row before it, again on each page.
        gte(tasks.finishedAt, after === null ? range.from : Math.max(range.from, after.finishedAt)),
        lt(tasks.finishedAt, range.to),
        after === null ? undefined : sql`(${tasks.finishedAt}, ${tasks.id}) > (${after.finishedAt}, ${after.id})`,
        inArray(tasks.status, FINISHED),
      ),
    )
    .orderBy(asc(tasks.finishedAt), asc(tasks.id))
    .limit(limit);
}

/** Every log line of these tasks, in no order (inLogOrder sorts each task's). */
export function logLinesQuery<D extends AnySqliteDb>(db: D, taskIds: readonly number[]) {
  return db.select().from(taskLogs).where(inList(taskLogs.taskId, taskIds));
}

/** The next page of a range's finished tasks with their log lines, as the API shows them. */
export async function historyPage(db: Db, workspaceId: string, range: FinishedRange, after: Position | null, limits: PageLimits): Promise<HistoryPage> {
  const rows = await finishedTasksQuery(db, workspaceId, range, after, limits.tasks).all();
  const chosen = withinLines(rows, limits.lines);
  const { logs, statements } = await logLinesOfTasks(db, chosen);
  const page = chosen.map(({ logCount: counted, ...task }) => {
    const lines = logs.get(task.id) ?? [];
    // A line that arrived between the two reads is in `lines`: the row may go with it.
    return { task, logs: lines, logCount: counted > MAX_LOG_LINES ? counted : lines.length };
  });
  const last = chosen.at(-1);
  const more = chosen.length < rows.length || rows.length === limits.tasks;
  return { tasks: page, next: more && last !== undefined && last.finishedAt !== null ? { finishedAt: last.finishedAt, id: last.id } : null, statements: 1 + statements };
}

/** The longest run of `rows` whose lines fit `maxLines`, and at least its first. */
function withinLines<R extends { logCount: number }>(rows: readonly R[], maxLines: number): R[] {
  let lines = 0;
  const chosen: R[] = [];
  for (const row of rows) {
    const cost = Math.min(row.logCount, MAX_LOG_LINES);
    if (chosen.length > 0 && lines + cost > maxLines) break;
    chosen.push(row);
    lines += cost;
  }
  return chosen;
}

/**
 * The lines of each task as GET /task/{id}/logs shows them: one statement for all tasks of
 * ordinary length, and logLinesOf itself for a task with more lines than it shows, so the
 * history never holds more than the API did nor reads a runaway log whole.
 */
async function logLinesOfTasks(db: Db, rows: readonly { id: number; logCount: number }[]): Promise<{ logs: Map<number, TaskLogLine[]>; statements: number }> {
  const few = rows.filter((r) => r.logCount > 0 && r.logCount <= MAX_LOG_LINES).map((r) => r.id);
  const many = rows.filter((r) => r.logCount > MAX_LOG_LINES).map((r) => r.id);
  const logs = new Map<number, TaskLogLine[]>();
  if (few.length > 0) {
    for (const line of await logLinesQuery(db, few).all()) {
      const lines = logs.get(line.taskId);
      if (lines) lines.push(line);
      else logs.set(line.taskId, [line]);
    }
    for (const [id, lines] of logs) logs.set(id, inLogOrder(lines));
  }
  for (const id of many) logs.set(id, await logLinesOf(db, id));
  return { logs, statements: (few.length > 0 ? 1 : 0) + many.length };
}
