import type { Hono } from "hono";
import { ApiCode } from "../../shared/api-codes";
import type { AppEnv } from "../env";
import { ApiError } from "./api-error";

/**
 * A known path called with a method it does not serve is the client's mistake (40001
 * naming the allowed methods), not an unknown route (40401). Call after every route is
 * registered: the catch-alls it adds run only when no real handler answered.
 */
export function rejectOtherMethods(app: Hono<AppEnv>): void {
  const allowed = new Map<string, Set<string>>();
  for (const route of app.routes) {
    if (route.method === "ALL") continue; // middleware
    const methods = allowed.get(route.path) ?? new Set<string>();
    methods.add(route.method);
    allowed.set(route.path, methods);
  }
  for (const [path, methods] of allowed) {
    const list = [...methods].sort().join(", ");
    app.all(path, (c) => {
      throw new ApiError(
        ApiCode.InvalidParameters,
        `method ${c.req.method} is not allowed on ${new URL(c.req.url).pathname} (allowed: ${list})`,
        null,
        { Allow: list },
      );
    });
  }
}
