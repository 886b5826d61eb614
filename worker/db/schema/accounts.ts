import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { Platform } from "../../../shared/platforms";
import { workspaces } from "./workspaces";

/** A TikTok or Instagram account, usually bound to the phone it is logged in on. */
export const accounts = sqliteTable(
  "accounts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** Stored without a leading "@". */
    username: text("username").notNull(),
    platform: text("platform").$type<Platform>().notNull(),
    email: text("email").notNull().default(""),
    /** Kept for the login script; never returned by the API. */
    password: text("password"),
    /** Null: the app's default package. */
    packageName: text("package_name"),
    /** Serial of the bound phone. */
    device: text("device"),
    logined: integer("logined").notNull().default(0),
    /** 0 enabled, 1 disabled (TikMatrix numbering): disabled accounts get no tasks. */
    status: integer("status").notNull().default(0),
    /**
     * Set when a task of this account ended on a screen a person must handle (logged out, a
     * captcha, a restriction, a ban): its words, the failure code, the task and when. Until a
     * user clears it, the account's tasks fail at dispatch (1015) instead of running.
     */
    attentionReason: text("attention_reason"),
    attentionCode: integer("attention_code"),
    attentionTaskId: integer("attention_task_id"),
    attentionAt: integer("attention_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("accounts_username").on(t.workspaceId, t.platform, t.username),
    index("accounts_workspace").on(t.workspaceId, t.id),
    index("accounts_device").on(t.workspaceId, t.device),
    index("accounts_status").on(t.workspaceId, t.status),
    index("accounts_logined").on(t.workspaceId, t.logined),
    // The accounts a person must look at (the dashboard's home page), by name: a partial index
    // holds only them, so the page reads those few rather than every account of the workspace.
    index("accounts_attention").on(t.workspaceId, t.username).where(sql`${t.attentionReason} IS NOT NULL`),
  ],
);

/** Tags live in their own rows so that the `tag` filter is an index look-up. */
export const accountTags = sqliteTable(
  "account_tags",
  {
    workspaceId: text("workspace_id").notNull(),
    tag: text("tag").notNull(),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.tag, t.accountId] }), index("account_tags_account").on(t.accountId)],
);

export type Account = typeof accounts.$inferSelect;
