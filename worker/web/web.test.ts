import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { generateCredential } from "../../shared/credentials";
import { form, ORIGIN, page, sessionOf, signIn, withCookie } from "../test/web-fixture";
import { createTestWorkspace } from "../test/workspace-fixture";
import { csrfTokenOf } from "./session/csrf";

/** The dashboard's sign-in, session, CSRF and headers, through the real Worker and D1 (the pages in a browser: e2e/dashboard). */
async function loginLink(workspaceId: string, expiresAt = Date.now() + 15 * 60_000): Promise<string> {
  const link = await generateCredential("login_link");
  await env.DB.prepare("insert into credentials (id, workspace_id, kind, name, secret_hash, created_at, expires_at) values (?, ?, 'login_link', 'test link', ?, ?, ?)")
    .bind(link.id, workspaceId, link.secretHash, Date.now(), expiresAt)
    .run();
  return link.token;
}

describe("signing in", () => {
  it("with no session, a page goes to the sign-in form, which sends a strict CSP", async () => {
    const home = await page("/");
    expect(home.status).toBe(303);
    expect(home.headers.get("location")).toBe("/login");
    const login = await page("/login");
    expect(login.status).toBe(200);
    expect(login.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(login.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(login.headers.get("content-security-policy")).not.toContain("unsafe-inline");
    expect(await login.text()).toContain('name="key"');
  });

  it("with an API key: a Secure, HttpOnly, SameSite=Lax cookie holding a session stored only hashed; the home page opens", async () => {
    const ws = await createTestWorkspace();
    const response = await page("/login", form({ key: ws.apiKey }, { "user-agent": "Mozilla/5.0 (Linux; Android 14) Chrome/156.0 Mobile" }));
    expect(response.status).toBe(303);
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const token = sessionOf(response);
    const row = await env.DB.prepare("select kind, name, secret_hash, expires_at from credentials where workspace_id = ? and kind = 'web_session'").bind(ws.id).first<{ kind: string; name: string; secret_hash: string; expires_at: number }>();
    expect(row).toMatchObject({ kind: "web_session", name: "Chrome on Android" });
    expect(row?.secret_hash).not.toContain(token.slice(17));
    expect(row?.expires_at).toBeGreaterThan(Date.now() + 29 * 24 * 3600_000);
    const home = await page("/", withCookie(token));
    expect(home.status).toBe(200);
    expect(await home.text()).toContain(ws.id);
  });

  it("refuses a wrong key (401, saying so), an agent token, and a form posted from another site (403)", async () => {
    const ws = await createTestWorkspace();
    const wrong = await page("/login", form({ key: "tmk_aaaaaaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" }));
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain("That key does not open any workspace.");
    expect((await page("/login", form({ key: ws.agentToken }))).status).toBe(401);
    expect((await page("/login", form({ key: ws.apiKey }, { origin: "https://evil.example" }))).status).toBe(403);
  });

  it("a session is no API key: it cannot call the API", async () => {
    const ws = await createTestWorkspace();
    const token = await signIn(ws);
    const api = await SELF.fetch(`${ORIGIN}/api/v1/task`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await api.json()) as { code: number }).code).toBe(40101);
  });

  it("by a one-time link: it asks first (a link preview spends nothing), signs in once, and is spent", async () => {
    const ws = await createTestWorkspace();
    const token = await loginLink(ws.id);
    const ask = await page(`/login/link/${token}`);
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain(`Sign in to ${ws.id} on this device?`);
    expect((await page(`/login/link/${token}`)).status).toBe(200); // looking twice spends nothing
    const used = await page("/login/link", form({ token }));
    expect(used.status).toBe(303);
    expect((await page("/", withCookie(sessionOf(used)))).status).toBe(200);
    expect((await page("/login/link", form({ token }))).status).toBe(410);
    expect((await page(`/login/link/${token}`)).status).toBe(410);
  });

  it("by a link past its 15 minutes: refused", async () => {
    const ws = await createTestWorkspace();
    const token = await loginLink(ws.id, Date.now() - 1);
    expect((await page(`/login/link/${token}`)).status).toBe(410);
    expect((await page("/login/link", form({ token }))).status).toBe(410);
  });
});

describe("a session", () => {
  it("signs out only with its CSRF token from this origin; afterwards its cookie opens nothing", async () => {
    const ws = await createTestWorkspace();
    const token = await signIn(ws);
    expect((await page("/logout", withCookie(token, form({})))).status).toBe(403);
    expect((await page("/logout", withCookie(token, form({ _csrf: await csrfTokenOf(token) }, { origin: "https://evil.example" })))).status).toBe(403);
    const out = await page("/logout", withCookie(token, form({ _csrf: await csrfTokenOf(token) })));
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/login?out=1");
    const after = await page("/", withCookie(token));
    expect(after.status).toBe(303);
    expect(after.headers.get("location")).toBe("/login?ended=1");
  });

  it("that expired opens nothing", async () => {
    const ws = await createTestWorkspace();
    const token = await signIn(ws);
    await env.DB.prepare("update credentials set expires_at = ? where workspace_id = ? and kind = 'web_session'").bind(Date.now() - 1, ws.id).run();
    expect((await page("/phones", withCookie(token))).headers.get("location")).toBe("/login?ended=1");
  });

  it("shows only its own workspace's phones, and another's screenshot is not found", async () => {
    const mine = await createTestWorkspace();
    const theirs = await createTestWorkspace();
    const now = Date.now();
    await env.DB.prepare("insert into devices (workspace_id, serial, created_at, connected, last_seen_at, model) values (?, 'mine-1', ?, 1, ?, 'Pixel 7'), (?, 'theirs-1', ?, 1, ?, 'Galaxy A')").bind(mine.id, now, now, theirs.id, now, now).run();
    const token = await signIn(mine);
    const html = await (await page("/phones", withCookie(token))).text();
    expect(html).toContain("mine-1");
    expect(html).toContain("Pixel 7");
    expect(html).not.toContain("theirs-1");
    const created = await theirs.call("POST", "/api/v1/task", { serials: ["theirs-1"], script_name: "follow", script_config: { target_users: ["x"] } });
    const [taskId] = created.data.task_ids as number[];
    await env.SCREENSHOTS.put(`screenshots/${theirs.id}/${taskId}`, new Uint8Array([137, 80, 78, 71]), { httpMetadata: { contentType: "image/png" } });
    expect((await page(`/phones/theirs-1/screenshot?task=${taskId}`, withCookie(token))).status).toBe(404);
  });

  it("speaks the browser's language: Chinese when it asks for it first", async () => {
    const ws = await createTestWorkspace();
    const token = await signIn(ws);
    const html = await (await page("/", withCookie(token, { headers: { "accept-language": "zh-CN,zh;q=0.9,en;q=0.8" } }))).text();
    expect(html).toContain('lang="zh-CN"');
    expect(html).toContain("需要处理");
  });
});
