import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { tasks } from "./tasks";

/** What the agent reported while running a task, in order. */
export const taskLogs = sqliteTable(
  "task_logs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
    workspaceId: text("workspace_id").notNull(),
    at: integer("at").notNull(),
    level: text("level").$type<"info" | "warn" | "error">().notNull(),
    message: text("message").notNull(),
  },
  (t) => [index("task_logs_task").on(t.taskId, t.id)],
);
