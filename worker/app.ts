import { Hono } from "hono";
import { requireAgentToken, requireApiKey } from "./auth/require-credential";
import { requireApiPlan } from "./auth/plan-gate";
import type { AppEnv } from "./env";
import { onError, onNotFound } from "./http/error-handler";
import { rejectOtherMethods } from "./http/method-guard";
import { parsePathId } from "./http/path-id";
import { rateLimitByKey } from "./rate-limit/middleware";
import { accountRoutes } from "./routes/accounts";
import { agentRoutes } from "./routes/agent";
import { pairRoutes } from "./routes/agent/pair";
import { deviceRoutes } from "./routes/devices";
import { licenseRoutes } from "./routes/license";
import { materialRoutes } from "./routes/materials";
import { taskIdParam } from "./routes/tasks/params";
import { taskRoutes } from "./routes/tasks";
import { workspaceRoutes } from "./routes/workspace";
import { webRoutes } from "./web/web-routes";

/**
 * The public HTTP API, `/api/v1`, as TikMatrix clients call it plus an API key; every path
 * outside `/api` is the dashboard (web/), with its own session, errors and headers.
 */
export function createApp(): Hono<AppEnv> {
  // Not strict: `/api/v1/task/` is `/api/v1/task`, as clients that join paths sloppily expect.
  const app = new Hono<AppEnv>({ strict: false });
  app.onError(onError);
  app.notFound(onNotFound);

  app.use("*", async (c, next) => {
    // In any case: /API/V1/TASK is a mistyped API path (answered in the envelope), not a page.
    const path = new URL(c.req.url).pathname.toLowerCase();
    if (path === "/api" || path.startsWith("/api/")) return next();
    return webRoutes.fetch(c.req.raw, c.env, c.executionCtx);
  });

  // An agent being paired has no credential yet (routes/agent/pair.ts).
  app.route("/api/v1/agent/pair", pairRoutes);
  // Agents first, with their own kind of credential: their routes answer before the
  // API-key middleware below is reached.
  app.use("/api/v1/agent/*", requireAgentToken);
  app.route("/api/v1/agent", agentRoutes);

  app.use("/api/v1/*", requireApiKey);
  // After the key is known (unauthenticated requests cost no limiter call), before
  // everything a request can cost. Agents' routes answered above: not limited here.
  app.use("/api/v1/*", rateLimitByKey);
  // license/check answers every plan (Starter with 40301 and its plan); all else needs API access.
  app.route("/api/v1/license", licenseRoutes);
  app.use("/api/v1/*", requireApiPlan);
  app.route("/api/v1/accounts", accountRoutes);
  app.route("/api/v1/devices", deviceRoutes);
  app.route("/api/v1/materials", materialRoutes);
  app.route("/api/v1/workspace", workspaceRoutes);

  app.route("/api/v1/task", taskRoutes);

  rejectOtherMethods(app);
  // A material path whose id is not a number: say so, as for tasks below.
  app.all("/api/v1/materials/:id/:action?", (c) => {
    parsePathId(c.req.param("id"));
    return onNotFound(c);
  });
  // A task path whose id is not a number: say so, rather than "no route".
  app.all("/api/v1/task/:task_id/:action?", (c) => {
    taskIdParam(c.req.param("task_id"));
    return onNotFound(c);
  });
  return app;
}
