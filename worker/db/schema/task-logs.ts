import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
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
    /** With `seq`, the line's identity: an agent that sends a line twice stores it once. */
    attemptId: text("attempt_id").notNull().default(""),
    seq: integer("seq").notNull().default(0),
    at: integer("at").notNull(),
    level: text("level").$type<"info" | "warn" | "error">().notNull(),
    message: text("message").notNull(),
  },
  (t) => [index("task_logs_task").on(t.taskId, t.id), uniqueIndex("task_logs_line").on(t.taskId, t.attemptId, t.seq)],
);
