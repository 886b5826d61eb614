import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { TaskStatus } from "../../../shared/task-status";
import { workspaces } from "./workspaces";

/**
 * What a count is kept by: all of a workspace's tasks (`""`, value `""`), or those of one
 * value of a list filter (`serial`, `script` for script_name, `source`). The triggers of
 * migration 0017 write exactly these four; a new one needs a migration of its own.
 */
export const TASK_COUNT_DIMENSIONS = ["", "serial", "script", "source"] as const;
export type TaskCountDimension = (typeof TASK_COUNT_DIMENSIONS)[number];

/**
 * How many tasks a workspace has in each status, overall and per serial, script and source.
 * Written only by SQLite triggers on `tasks` (migration 0017), in the statement that changes
 * the task, so no code path can forget them and they are never out of step with the rows.
 * A count that falls to 0 keeps its row: see docs/api.md "Counts".
 */
export const taskCounts = sqliteTable(
  "task_counts",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    dimension: text("dimension").$type<TaskCountDimension>().notNull(),
    value: text("value").notNull(),
    status: integer("status").$type<TaskStatus>().notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.dimension, t.value, t.status] })],
);
