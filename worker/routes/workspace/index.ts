import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { PLANS } from "../../../shared/plans";
import { validate } from "../../../shared/validation";
import { workspaceSettingsSchema } from "../../../shared/workspace-settings";
import { type Workspace, workspaces } from "../../db/schema";
import type { AppEnv } from "../../env";
import { invalid } from "../../http/api-error";
import { success } from "../../http/envelope";
import { readJson } from "../../http/json-body";

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
    created_at: new Date(workspace.createdAt).toISOString(),
  };
}

// `plan` is a field people try; it gets its own answer rather than "unknown field".
const patchBody = z.record(z.string(), z.unknown());

/** `GET /workspace` and `PATCH /workspace`: time zone, default platform, retries. */
export const workspaceRoutes = new Hono<AppEnv>()
  .get("/", (c) => success(c, presentWorkspace(c.get("workspace"))))
  .patch("/", async (c) => {
    const body = await readJson(c, patchBody);
    if (Object.hasOwn(body, "plan")) throw invalid("plan cannot be changed here: the service changes plans (npm run admin -- set-plan)");
    const parsed = validate(workspaceSettingsSchema, body);
    if (!parsed.ok) throw invalid(parsed.message);
    const { timezone, default_platform: defaultPlatform, max_retry_count: maxRetryCount } = parsed.value;
    const updated = await c
      .get("db")
      .update(workspaces)
      .set({ timezone, defaultPlatform, maxRetryCount })
      .where(eq(workspaces.id, c.get("workspace").id))
      .returning()
      .get();
    if (updated === undefined) throw new Error(`workspace ${c.get("workspace").id} vanished during its PATCH`);
    return success(c, presentWorkspace(updated));
  });
