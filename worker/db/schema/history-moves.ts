import { primaryKey, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

/**
 * Tasks that may be in a day object of the history (R2) while their row is still in D1: noted
 * before the object is written, cleared in the batch that deletes the rows. The retention job
 * drops these ids from the object the next time it writes it, and the export skips an
 * archived copy of one whose row is still here, so a run that dies between R2 and D1, or a
 * task retried while it was being moved, never leaves a task twice (docs/retention.md).
 */
export const historyMoves = sqliteTable(
  "history_moves",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** The UTC day of the object, `YYYY-MM-DD`. */
    day: text("day").notNull(),
    taskId: integer("task_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.day, t.taskId] })],
);
