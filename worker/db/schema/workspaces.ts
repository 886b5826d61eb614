import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { PlanId } from "../../../shared/plans";
import type { Platform } from "../../../shared/platforms";
import { DEFAULT_RETENTION_DAYS } from "../../../shared/workspace-settings";

/** A studio: the unit of billing and isolation. Every other row belongs to one. */
export const workspaces = sqliteTable("workspaces", {
  id: text("id").primaryKey(),
  name: text("name").notNull().unique(),
  plan: text("plan").$type<PlanId>().notNull(),
  /** IANA zone in which `start_time` "HH:MM" is read and task times are shown. */
  timezone: text("timezone").notNull().default("UTC"),
  /** Platform of device-mode tasks, which name no account. */
  defaultPlatform: text("default_platform").$type<Platform>().notNull().default("tiktok"),
  maxRetryCount: integer("max_retry_count").notNull().default(3),
  /** A phone below this battery level (in %) is given no new task. */
  minBatteryLevel: integer("min_battery_level").notNull().default(15),
  /** A phone whose battery is hotter than this (°C) is given no new task. */
  maxBatteryTemperatureC: integer("max_battery_temperature_c").notNull().default(45),
  /**
   * Finished tasks whose UTC day ended this many days ago leave D1 for the history in R2
   * (worker/retention/, docs/retention.md).
   */
  retentionDays: integer("retention_days").notNull().default(DEFAULT_RETENTION_DAYS),
  /**
   * The D1 binding that holds the workspace's tasks, phones, accounts and library (its shard,
   * docs/shards.md): "DB", the directory itself, unless the operator placed it elsewhere.
   * Chosen at creation and never changed.
   */
  shard: text("shard").notNull().default("DB"),
  /**
   * Raised by migration 0021's trigger on every change of the row, by any writer: a shard's
   * copy of the row is replaced only by a later revision (worker/shards/workspace-copy.ts).
   */
  revision: integer("revision").notNull().default(0),
  createdAt: integer("created_at").notNull(),
});

export type Workspace = typeof workspaces.$inferSelect;
