import { createMiddleware } from "hono/factory";
import { ApiCode } from "../../shared/api-codes";
import { PLANS } from "../../shared/plans";
import type { AppEnv } from "../env";
import { ApiError } from "../http/api-error";

/** The Starter plan has no API access: every route but license/check answers 40301. */
export const requireApiPlan = createMiddleware<AppEnv>(async (c, next) => {
  const plan = PLANS[c.get("workspace").plan];
  if (!plan.apiEnabled) {
    throw new ApiError(
      ApiCode.PlanWithoutApi,
      `the ${plan.name} plan does not include API access; upgrade to Pro, Team or Business`,
    );
  }
  await next();
});
