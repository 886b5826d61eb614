import { z } from "zod";
import { PLATFORMS } from "./platforms";

/**
 * The settings a workspace's users may change (`PATCH /api/v1/workspace`) and the admin command
 * sets (`set-workspace`): one rule for both. The plan is not among them: it is the service's
 * to change (`admin set-plan`).
 */

/** A retry count beyond this is almost certainly a typo (tasks would loop for hours). */
export const MAX_RETRY_COUNT = 100;

/**
 * How long finished tasks stay in D1 before they move to the history in R2, in days: at least
 * one whole day (a day object holds complete UTC days), at most ten years (beyond that a busy
 * workspace outgrows one D1 database long before; docs/retention.md).
 */
export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;
export const DEFAULT_RETENTION_DAYS = 90;

/**
 * An IANA zone in the canonical spelling the runtime reports ("asia/tokyo" is "Asia/Tokyo"),
 * so what is stored is what was checked; undefined when the runtime does not know it.
 */
export function canonicalTimeZone(input: string): string | undefined {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: input.trim() }).resolvedOptions().timeZone;
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

const timezone = z
  .string()
  .min(1)
  .max(64)
  .transform((input, ctx) => {
    const zone = canonicalTimeZone(input);
    if (zone === undefined) {
      ctx.addIssue({ code: "custom", message: `timezone "${input}" is not a known IANA zone (e.g. UTC, Europe/Berlin, Asia/Shanghai)` });
      return z.NEVER;
    }
    return zone;
  });

export const workspaceSettingsSchema = z
  .strictObject({
    timezone: timezone.optional(),
    default_platform: z.enum(PLATFORMS).optional(),
    max_retry_count: z.number().int().min(0).max(MAX_RETRY_COUNT).optional(),
    /** 0 turns the check off. */
    min_battery_level: z.number().int().min(0).max(100).optional(),
    /** A phone's battery is not cooler than the room; above 60 °C Android itself shuts down. */
    max_battery_temperature_c: z.number().int().min(30).max(60).optional(),
    retention_days: z.number().int().min(MIN_RETENTION_DAYS).max(MAX_RETENTION_DAYS).optional(),
  })
  .refine((settings) => Object.keys(settings).length > 0, { message: "give at least one of timezone, default_platform, max_retry_count, min_battery_level, max_battery_temperature_c, retention_days" });

export type WorkspaceSettings = z.output<typeof workspaceSettingsSchema>;
