import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

/**
 * Phones known to a workspace. A row appears when a task or an account names a serial or
 * when an agent says hello for it; presence columns are written by the phone's object.
 */
export const devices = sqliteTable(
  "devices",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    serial: text("serial").notNull(),
    /** What people call the phone; the model until someone names it. */
    name: text("name"),
    model: text("model"),
    androidVersion: text("android_version"),
    agentId: text("agent_id"),
    agentVersion: text("agent_version"),
    /** 1 while an agent's connection for the phone is open (and heartbeats are fresh). */
    connected: integer("connected").notNull().default(0),
    lastSeenAt: integer("last_seen_at"),
    currentTaskId: integer("current_task_id"),
    /** The latest task of the phone whose final screenshot is stored (the dashboard's thumbnail). */
    lastScreenshotTaskId: integer("last_screenshot_task_id"),
    /** As the agent's adb server last listed it: device, unauthorized, offline, … or gone (listed before, not now). */
    adbState: text("adb_state"),
    /** The phone's last health report (shared/protocol PhoneHealth, as JSON), and when it was written. */
    health: text("health"),
    healthAt: integer("health_at"),
    /** Why the phone is given no new task (too hot, battery too low), or null. */
    notReadyReason: text("not_ready_reason"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.serial] }),
    // A phone is freed by the task it runs (d1-claim.ts freePhoneStatement: finished, taken
    // back, deleted): without this index each of those reads every phone of the workspace.
    index("devices_current_task").on(t.workspaceId, t.currentTaskId),
  ],
);

export type Device = typeof devices.$inferSelect;
