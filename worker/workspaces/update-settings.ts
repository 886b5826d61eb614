import { eq } from "drizzle-orm";
import { validate } from "../../shared/validation";
import { workspaceSettingsSchema } from "../../shared/workspace-settings";
import type { Db } from "../db/client";
import { type Workspace, workspaces } from "../db/schema";
import { invalid } from "../http/api-error";

/**
 * Changes a workspace's settings (time zone, default platform, retries, battery limits, retention): the one path for
 * `PATCH /api/v1/workspace` and the dashboard's Settings. Refused with 40001 naming the field;
 * the plan is not a setting (the service changes it: `admin set-plan`).
 */
export async function updateWorkspaceSettings(db: Db, workspaceId: string, body: Record<string, unknown>): Promise<Workspace> {
  if (Object.hasOwn(body, "plan")) throw invalid("plan cannot be changed here: the service changes plans (npm run admin -- set-plan)");
  const parsed = validate(workspaceSettingsSchema, body);
  if (!parsed.ok) throw invalid(parsed.message);
  const { timezone, default_platform: defaultPlatform, max_retry_count: maxRetryCount, min_battery_level: minBatteryLevel, max_battery_temperature_c: maxBatteryTemperatureC, retention_days: retentionDays } = parsed.value;
  const updated = await db.update(workspaces).set({ timezone, defaultPlatform, maxRetryCount, minBatteryLevel, maxBatteryTemperatureC, retentionDays }).where(eq(workspaces.id, workspaceId)).returning().get();
  if (updated === undefined) throw new Error(`workspace ${workspaceId} vanished during its settings change`);
  return updated;
}
