import { createMiddleware } from "hono/factory";
import { authenticate } from "../../auth/credential-lookup";
import { recordLastUse } from "../../auth/last-use";
import { openDirectory } from "../../shards/directory";
import { workspaceDb } from "../../shards/workspace-copy";
import type { WebEnv } from "../web-env";
import { CSRF_FIELD, csrfTokenOf, isSameOrigin } from "./csrf";
import { clearSessionCookie, readSessionCookie } from "./session-cookie";

/**
 * Pages behind sign-in: the session cookie must name a live session (not expired, not
 * revoked), whose workspace every query of the page is then bound to. Without one a page goes
 * to the sign-in page (saying why when the session ended); a form post is refused. Every
 * state-changing request must come from this origin and carry the session's `_csrf`.
 */
export const requireSession = createMiddleware<WebEnv>(async (c, next) => {
  const directory = openDirectory(c.env);
  const token = readSessionCookie(c);
  const result = token === undefined ? undefined : await authenticate(directory, token, "web_session");
  if (token === undefined || result === undefined || "refused" in result) {
    if (token !== undefined) clearSessionCookie(c);
    const why = token === undefined ? "" : "?ended=1";
    if (c.req.method === "GET" || c.req.method === "HEAD") return c.redirect(`/login${why}`, 303);
    return c.text(c.get("t").signInAgain, 401);
  }
  const csrf = await csrfTokenOf(token);
  if (c.req.method !== "GET" && c.req.method !== "HEAD") {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const sent = form[CSRF_FIELD] ?? c.req.header("x-csrf-token");
    if (!isSameOrigin(c.req.raw) || sent !== csrf) return c.text(c.get("t").csrfRefused, 403);
  }
  recordLastUse(c.executionCtx, directory, result.credentialId, result.lastUsedAt);
  c.set("directory", directory);
  c.set("db", await workspaceDb(c.env, result.workspace));
  c.set("workspace", result.workspace);
  c.set("credentialId", result.credentialId);
  c.set("csrf", csrf);
  await next();
});
