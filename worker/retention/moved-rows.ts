import { sql } from "drizzle-orm";
import { taskLogs, tasks } from "../db/schema";
import { FINISHED, type FinishedTask } from "./history-page";
import type { AnySqliteDb } from "../db/client";


/**
 * Deletes the rows a day object now holds, and only those: each task only while it is as it
 * was read (finished, the same updated_at, the same number of log lines). A task retried or
 * given a late line meanwhile stays, noted in history_moves, and its copy in the object is
 * dropped at the object's next write. The log lines go with the row (ON DELETE CASCADE), and
 * the counters with it (migration 0017's triggers). One bound parameter, however many tasks.
 * CROSS JOIN keeps json_each the outer loop (SQLite does not reorder it): left to itself, the
 * planner walks every finished task of the workspace and looks each up in the list.
 */
export function deleteMovedRows<D extends AnySqliteDb>(db: D, workspaceId: string, moved: readonly FinishedTask[]) {
  const held = JSON.stringify(moved.map((m) => [m.task.id, m.task.updatedAt, m.logCount]));
  const unchanged = sql`
    SELECT t.id FROM json_each(${held}) AS j CROSS JOIN ${tasks} AS t ON t.id = json_extract(j.value, '$[0]')
    WHERE t.workspace_id = ${workspaceId} AND t.status IN (${sql.join(FINISHED.map((s) => sql`${s}`), sql`, `)})
      AND t.updated_at = json_extract(j.value, '$[1]')
      AND (SELECT count(*) FROM ${taskLogs} AS l WHERE l.task_id = t.id) = json_extract(j.value, '$[2]')`;
  return db
    .delete(tasks)
    .where(sql`${tasks.id} IN (${unchanged})`)
    .returning({ id: tasks.id });
}
