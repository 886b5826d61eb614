import { Hono } from "hono";
import { z } from "zod";
import { PLANS } from "../../../shared/plans";
import type { Workspace } from "../../db/schema";
import type { AppEnv } from "../../env";
import { success } from "../../http/envelope";
import { readJson } from "../../http/json-body";
import { updateWorkspaceSettings } from "../../workspaces/update-settings";

/** The workspace as its users see it: its settings, and its plan (which only the service changes). */
export function presentWorkspace(workspace: Workspace) {
  const plan = PLANS[workspace.plan];
  return {
    id: workspace.id,
    name: workspace.name,
    plan: workspace.plan,
    plan_name: plan.name,
    device_limit: plan.deviceLimit,
    timezone: workspace.timezone,
    default_platform: workspace.defaultPlatform,
    max_retry_count: workspace.maxRetryCount,
    min_battery_level: workspace.minBatteryLevel,
    max_battery_temperature_c: workspace.maxBatteryTemperatureC,
    retention_days: workspace.retentionDays,
    created_at: new Date(workspace.createdAt).toISOString(),
  };
}

// `plan` is a field people try; it gets its own answer rather than "unknown field".
const patchBody = z.record(z.string(), z.unknown());

/** `GET /workspace` and `PATCH /workspace`: time zone, default platform, retries, battery limits, retention. */
export const workspaceRoutes = new Hono<AppEnv>()
  .get("/", (c) => success(c, presentWorkspace(c.get("workspace"))))
  .patch("/", async (c) => {
    const body = await readJson(c, patchBody);
    const updated = await updateWorkspaceSettings(c.get("directory"), c.get("db"), c.get("workspace").id, body);
    return success(c, presentWorkspace(updated));
  });
