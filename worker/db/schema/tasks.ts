import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { Platform } from "../../../shared/platforms";
import type { TaskSource, TaskStatus } from "../../../shared/task-status";
import { workspaces } from "./workspaces";

/**
 * Tasks: the source of truth for every task's state. Times are UTC epoch milliseconds.
 * The indexes serve the list filters (each ends in `id` so "newest first" needs no sort)
 * and the per-phone queue order (start time, then id).
 */
export const tasks = sqliteTable(
  "tasks",
  {
    // AUTOINCREMENT: ids are never reused after a delete, so a client's old id never
    // names somebody's new task.
    id: integer("id").primaryKey({ autoIncrement: true }),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    serial: text("serial").notNull(),
    username: text("username"),
    accountId: integer("account_id"),
    platform: text("platform").$type<Platform>().notNull(),
    packageName: text("package_name"),
    scriptName: text("script_name").notNull(),
    /** JSON, exactly as the client gave it, but for its secret fields (see `secrets`). */
    scriptConfig: text("script_config").notNull(),
    /**
     * The config's secret fields (a ChatGPT api_key), sealed with the deployment's
     * TASK_SECRETS_KEY (worker/tasks/secrets/); null when it has none. Never shown back.
     */
    secrets: text("secrets"),
    status: integer("status").$type<TaskStatus>().notNull(),
    source: text("source").$type<TaskSource>().notNull(),
    /** When the task is due: its start_time plus its interval delay. */
    scheduledAt: integer("scheduled_at").notNull(),
    startedAt: integer("started_at"),
    finishedAt: integer("finished_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    remark: text("remark").notNull().default(""),
    failCode: integer("fail_code"),
    retryCount: integer("retry_count").notNull().default(0),
    /**
     * The current run of the task on a phone, set when it is claimed. Every message about
     * a run names it, so a late or repeated message about an older run changes nothing.
     */
    attemptId: text("attempt_id"),
    /**
     * The post may be out: the run passed its publishing tap (the object said `posting_ok`)
     * or its result said so. Such a task is never run again but by an explicit forced retry.
     */
    posted: integer("posted", { mode: "boolean" }).notNull().default(false),
    /** The post's link, when the app showed one. */
    postUrl: text("post_url"),
    /** The create request that made the task (ties an Idempotency-Key to its tasks). */
    requestId: text("request_id").notNull(),
    /**
     * The task's place among the tasks its create made (0-based, in the order of the targets):
     * a `multiline` caption gives its k-th line to the k-th task, as TikMatrix does.
     */
    requestIndex: integer("request_index").notNull().default(0),
  },
  (t) => [
    index("tasks_workspace").on(t.workspaceId, t.id),
    index("tasks_status").on(t.workspaceId, t.status, t.id),
    // The dashboard's "failed in the last 24 h" and "done today": a range of one status, not all of it.
    index("tasks_finished").on(t.workspaceId, t.status, t.finishedAt),
    index("tasks_serial").on(t.workspaceId, t.serial, t.id),
    index("tasks_script").on(t.workspaceId, t.scriptName, t.id),
    index("tasks_source").on(t.workspaceId, t.source, t.id),
    // Two filters the counters do not combine (worker/tasks/task-totals.ts): script_name with
    // source would otherwise walk every task of the source to count one script's.
    index("tasks_script_source").on(t.workspaceId, t.scriptName, t.source, t.id),
    index("tasks_queue").on(t.workspaceId, t.serial, t.status, t.scheduledAt, t.id),
    // A phone's tasks of one status, newest first (`serial` with `status`: a phone's pending or
    // running ones): without it the page walks the phone's whole history to find them.
    index("tasks_serial_status").on(t.workspaceId, t.serial, t.status, t.id),
    index("tasks_request").on(t.requestId),
    // History by finished_at, whatever the status (the retention job's oldest first, the
    // export's keyset pages): the implicit id after it orders ties, so neither sorts.
    index("tasks_history").on(t.workspaceId, t.finishedAt),
  ],
);

export type Task = typeof tasks.$inferSelect;
export type NewTask = typeof tasks.$inferInsert;
