/** @jsxImportSource hono/jsx */
import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { authenticate } from "../auth/credential-lookup";
import { openDirectory } from "../shards/directory";
import { tasks } from "../db/schema";
import { accountPages } from "./account-routes";
import { homeData } from "./data/home-data";
import { phoneCards } from "./data/phones-data";
import { messagesFor } from "./i18n/messages";
import { HomePage } from "./pages/home-page";
import { PhonesPage } from "./pages/phones-page";
import { SignInLinkPage, SignInPage } from "./pages/sign-in-page";
import { screenshotResponse } from "./screenshot-response";
import { securityHeaders } from "./security-headers";
import { settingsPages } from "./settings-routes";
import { libraryPages } from "./library-routes";
import { postPages } from "./post-routes";
import { taskPages } from "./task-routes";
import { isSameOrigin } from "./session/csrf";
import { requireSession } from "./session/require-session";
import { clearSessionCookie, writeSessionCookie } from "./session/session-cookie";
import { browserOf, revokeCredential, startSession } from "./session/sessions";
import type { WebEnv } from "./web-env";

/**
 * The dashboard (docs/dashboard.md): server-rendered pages over the same D1 as the API, behind
 * a session cookie. The API stays where it is: this app answers everything outside /api/.
 */
export const webRoutes = new Hono<WebEnv>();

webRoutes.use("*", securityHeaders);
webRoutes.use("*", async (c, next) => {
  c.set("t", messagesFor(c.req.header("accept-language")));
  await next();
});

webRoutes.get("/login", (c) => {
  const t = c.get("t");
  const notice = c.req.query("ended") !== undefined ? t.sessionEnded : c.req.query("out") !== undefined ? t.signedOut : undefined;
  return c.html(<SignInPage t={t} notice={notice} />);
});

webRoutes.post("/login", async (c) => {
  const t = c.get("t");
  if (!isSameOrigin(c.req.raw)) return c.text(t.csrfRefused, 403);
  const form = await c.req.parseBody();
  const key = typeof form.key === "string" ? form.key.trim() : "";
  const db = openDirectory(c.env);
  const result = await authenticate(db, key, "api_key");
  if ("refused" in result) return c.html(<SignInPage t={t} error={t.wrongKey} />, 401);
  writeSessionCookie(c, await startSession(db, result.workspace.id, browserOf(c.req.header("user-agent"))));
  return c.redirect("/", 303);
});

webRoutes.get("/login/link/:token", async (c) => {
  const token = c.req.param("token");
  const result = await authenticate(openDirectory(c.env), token, "login_link");
  return c.html(<SignInLinkPage t={c.get("t")} token={token} workspace={"refused" in result ? undefined : result.workspace.name} />, "refused" in result ? 410 : 200);
});

webRoutes.post("/login/link", async (c) => {
  const t = c.get("t");
  if (!isSameOrigin(c.req.raw)) return c.text(t.csrfRefused, 403);
  const form = await c.req.parseBody();
  const token = typeof form.token === "string" ? form.token : "";
  const db = openDirectory(c.env);
  const result = await authenticate(db, token, "login_link");
  // Spent by exactly one request: a second tab, or a replay, finds it revoked.
  if ("refused" in result || !(await revokeCredential(db, result.workspace.id, result.credentialId))) {
    return c.html(<SignInLinkPage t={t} token="" workspace={undefined} />, 410);
  }
  writeSessionCookie(c, await startSession(db, result.workspace.id, browserOf(c.req.header("user-agent"))));
  return c.redirect("/", 303);
});

// Everything below needs a session.
webRoutes.use("*", requireSession);

webRoutes.post("/logout", async (c) => {
  await revokeCredential(c.get("directory"), c.get("workspace").id, c.get("credentialId"));
  clearSessionCookie(c);
  return c.redirect("/login?out=1", 303);
});

webRoutes.get("/", async (c) => {
  const workspace = c.get("workspace");
  const data = await homeData(c.get("db"), workspace.id, workspace.timezone);
  return c.html(<HomePage t={c.get("t")} csrf={c.get("csrf")} workspace={workspace} data={data} />);
});

webRoutes.get("/phones", async (c) => {
  const workspace = c.get("workspace");
  const phones = await phoneCards(c.get("db"), workspace.id);
  return c.html(<PhonesPage t={c.get("t")} csrf={c.get("csrf")} workspace={workspace} phones={phones} />);
});

webRoutes.route("/", taskPages);
webRoutes.route("/", libraryPages);
webRoutes.route("/", postPages);

webRoutes.route("/", accountPages);
webRoutes.route("/", settingsPages);

/** A phone's thumbnail: the screenshot of the task named, when that task is this workspace's and this phone's. */
webRoutes.get("/phones/:serial/screenshot", async (c) => {
  const workspace = c.get("workspace");
  const taskId = Number(c.req.query("task"));
  if (!Number.isSafeInteger(taskId)) return c.notFound();
  const task = await c.get("db").select({ id: tasks.id, workspaceId: tasks.workspaceId }).from(tasks).where(and(eq(tasks.workspaceId, workspace.id), eq(tasks.id, taskId), eq(tasks.serial, c.req.param("serial")))).get();
  return screenshotResponse(c, task);
});
