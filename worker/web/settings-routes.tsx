/** @jsxImportSource hono/jsx */
import { and, eq, inArray } from "drizzle-orm";
import type { Context } from "hono";
import { Hono } from "hono";
import { normalizePairingCode } from "../../shared/pairing-code";
import { approvePairing } from "../agents/pairing";
import { issueCredential } from "../auth/issue-credential";
import { credentials } from "../db/schema";
import { ApiError } from "../http/api-error";
import { updateWorkspaceSettings } from "../workspaces/update-settings";
import { keysAndSessions } from "./data/credential-list";
import { SettingsPage } from "./pages/settings-page";
import { clearSessionCookie } from "./session/session-cookie";
import { revokeCredential } from "./session/sessions";
import type { WebEnv } from "./web-env";

/**
 * Settings (behind the session): the workspace's settings through the API's own update (same
 * rules, same 40001 messages), API keys created (shown once, never again) and revoked, and the
 * signed-in browsers, each revocable; revoking this one signs it out.
 */
export const settingsPages = new Hono<WebEnv>();

async function render(c: Context<WebEnv>, extra: { notice?: string; error?: string; newKey?: string } = {}, status: 200 | 400 = 200) {
  const workspace = c.get("workspace");
  const { keys, sessions } = await keysAndSessions(c.get("directory"), workspace.id);
  return c.html(<SettingsPage t={c.get("t")} csrf={c.get("csrf")} workspace={workspace} keys={keys} sessions={sessions} currentSession={c.get("credentialId")} {...extra} />, status);
}

settingsPages.get("/settings", (c) => render(c, { notice: c.req.query("saved") !== undefined ? c.get("t").saved : c.req.query("revoked") !== undefined ? c.get("t").revoked : undefined }));

settingsPages.post("/settings", async (c) => {
  const form = await c.req.parseBody();
  // A number typed as one; anything else goes as typed, so the API's message names the field.
  const number = (value: unknown) => (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)) ? Number(value) : value);
  try {
    await updateWorkspaceSettings(c.get("directory"), c.get("db"), c.get("workspace").id, {
      timezone: form.timezone,
      default_platform: form.default_platform,
      max_retry_count: number(form.max_retry_count),
      min_battery_level: number(form.min_battery_level),
      max_battery_temperature_c: number(form.max_battery_temperature_c),
      retention_days: number(form.retention_days),
    });
  } catch (error) {
    if (error instanceof ApiError) return render(c, { error: error.message }, 400);
    throw error;
  }
  return c.redirect("/settings?saved=1", 303);
});

settingsPages.post("/settings/agents", async (c) => {
  const form = await c.req.parseBody();
  const code = normalizePairingCode(typeof form.code === "string" ? form.code : "");
  if (code === undefined) return render(c, { error: `"${String(form.code ?? "").slice(0, 20)}" is not a pairing code: 8 letters and digits, like ABCD-1234` }, 400);
  try {
    const { name } = await approvePairing(c.get("directory"), c.get("workspace").id, code);
    return render(c, { notice: c.get("t").agentApproved(name) });
  } catch (error) {
    if (error instanceof ApiError) return render(c, { error: error.message }, 400);
    throw error;
  }
});

settingsPages.post("/settings/keys", async (c) => {
  const form = await c.req.parseBody();
  const name = typeof form.name === "string" ? form.name.trim().slice(0, 100) : "";
  const label = name === "" ? `api key ${new Date().toISOString().slice(0, 10)}` : name;
  const { token } = await issueCredential(c.get("directory"), c.get("workspace").id, "api_key", label, null);
  // Rendered, not redirected: the key must not sit in a URL or the history.
  return render(c, { newKey: token });
});

settingsPages.post("/settings/credentials/:id/revoke", async (c) => {
  const id = c.req.param("id");
  const db = c.get("directory");
  const workspace = c.get("workspace");
  // Only keys and sessions of this workspace: an agent token is revoked with the admin tool.
  const row = await db.select({ id: credentials.id }).from(credentials).where(and(eq(credentials.id, id), eq(credentials.workspaceId, workspace.id), inArray(credentials.kind, ["api_key", "web_session"]))).get();
  if (row !== undefined) await revokeCredential(db, workspace.id, row.id);
  if (id === c.get("credentialId")) {
    clearSessionCookie(c);
    return c.redirect("/login?out=1", 303);
  }
  return c.redirect("/settings?revoked=1", 303);
});
