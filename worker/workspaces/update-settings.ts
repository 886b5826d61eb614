import { eq, sql } from "drizzle-orm";
import { validate } from "../../shared/validation";
import { workspaceSettingsSchema } from "../../shared/workspace-settings";
import type { Db } from "../db/client";
import { type Workspace, workspaces } from "../db/schema";
import { invalid } from "../http/api-error";
import type { DirectoryDb } from "../shards/directory";
import { DIRECTORY } from "../shards/shard-bindings";
import { copyWorkspaces } from "../shards/workspace-copy";

/**
 * Changes a workspace's settings (time zone, default platform, retries, battery limits, retention): the one path for
 * `PATCH /api/v1/workspace` and the dashboard's Settings. Refused with 40001 naming the field;
 * the plan is not a setting (the service changes it: `admin set-plan`). Written to the
 * directory, then to the copy on the workspace's shard (`shard`), where phones' claims and
 * endings read it; a copy that fails here is made by the next request (worker/shards/). The
 * revision is raised here, not left to migration 0021's trigger: RETURNING shows the row as
 * the UPDATE wrote it, before an AFTER trigger's change, and the copy needs the new one.
 */
export async function updateWorkspaceSettings(directory: DirectoryDb, shard: Db, workspaceId: string, body: Record<string, unknown>): Promise<Workspace> {
  if (Object.hasOwn(body, "plan")) throw invalid("plan cannot be changed here: the service changes plans (npm run admin -- set-plan)");
  const parsed = validate(workspaceSettingsSchema, body);
  if (!parsed.ok) throw invalid(parsed.message);
  const { timezone, default_platform: defaultPlatform, max_retry_count: maxRetryCount, min_battery_level: minBatteryLevel, max_battery_temperature_c: maxBatteryTemperatureC, retention_days: retentionDays } = parsed.value;
  const updated = await directory.update(workspaces).set({ timezone, defaultPlatform, maxRetryCount, minBatteryLevel, maxBatteryTemperatureC, retentionDays, revision: sql`${workspaces.revision} + 1` }).where(eq(workspaces.id, workspaceId)).returning().get();
  if (updated === undefined) throw new Error(`workspace ${workspaceId} vanished during its settings change`);
  if (updated.shard !== DIRECTORY) await copyWorkspaces(shard, [updated]).run();
  return updated;
}
