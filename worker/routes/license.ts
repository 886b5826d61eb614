import { Hono } from "hono";
import { ApiCode } from "../../shared/api-codes";
import { PLANS } from "../../shared/plans";
import type { AppEnv } from "../env";
import { ApiError } from "../http/api-error";
import { success } from "../http/envelope";

/**
 * `GET /license/check`: the workspace's plan. Starter answers 40301 as TikMatrix does,
 * but still says which plan it is, so a client can tell the user what to upgrade.
 */
export const licenseRoutes = new Hono<AppEnv>().get("/check", (c) => {
  const plan = PLANS[c.get("workspace").plan];
  const data = {
    plan_name: plan.name,
    api_enabled: plan.apiEnabled,
    device_limit: plan.deviceLimit,
    message: plan.apiEnabled
      ? `${plan.name} plan: API access enabled for up to ${plan.deviceLimit} devices`
      : `${plan.name} plan: API access is not included; upgrade to Pro, Team or Business`,
  };
  if (!plan.apiEnabled) throw new ApiError(ApiCode.PlanWithoutApi, data.message, data);
  return success(c, data);
});
