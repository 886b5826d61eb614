import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { page, sessionForm, signIn, withCookie } from "../test/web-fixture";
import { callApi, createTestWorkspace } from "../test/workspace-fixture";

/** Settings: the workspace's settings through the API's rules, API keys shown once and revoked, signed-in browsers revoked. */
describe("settings", () => {
  it("saves the zone, platform, retries, battery limits and retention as PATCH /workspace would, and refuses a zone that is none, naming it, changing nothing", async () => {
    const ws = await createTestWorkspace();
    const token = await signIn(ws);
    const form = await (await page("/settings", withCookie(token))).text();
    expect(form).toMatch(/name="retention_days"[^>]*min="1" max="3650" value="90"/);
    const saved = await page(
      "/settings",
      await sessionForm(token, [["timezone", "asia/shanghai"], ["default_platform", "instagram"], ["max_retry_count", "1"], ["min_battery_level", "25"], ["max_battery_temperature_c", "42"], ["retention_days", "30"]]),
    );
    expect(saved.headers.get("location")).toBe("/settings?saved=1");
    expect((await ws.call("GET", "/api/v1/workspace")).data).toMatchObject({ timezone: "Asia/Shanghai", default_platform: "instagram", max_retry_count: 1, min_battery_level: 25, max_battery_temperature_c: 42, retention_days: 30 });
    const noDays = await page("/settings", await sessionForm(token, [["timezone", "Asia/Shanghai"], ["default_platform", "tiktok"], ["max_retry_count", "1"], ["retention_days", "0"]]));
    expect(noDays.status).toBe(400);
    expect(await noDays.text()).toContain("retention_days");
    const refused = await page("/settings", await sessionForm(token, [["timezone", "Mars/Olympus"], ["default_platform", "tiktok"], ["max_retry_count", "2"]]));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("timezone");
    expect((await ws.call("GET", "/api/v1/workspace")).data).toMatchObject({ timezone: "Asia/Shanghai", max_retry_count: 1 });
  });

  it("creates an API key shown once, which then works; revoked, it works no more", async () => {
    const ws = await createTestWorkspace();
    const token = await signIn(ws);
    const created = await (await page("/settings/keys", await sessionForm(token, [["name", "studio laptop"]]))).text();
    const key = /data-new-key="1"[^>]*value="(tmk_[^"]+)"|value="(tmk_[^"]+)"[^>]*data-new-key/.exec(created)?.slice(1).find((v) => v !== undefined);
    expect(key).toBeDefined();
    expect((await callApi("GET", "/api/v1/license/check", undefined, { authorization: `Bearer ${key}` })).code).toBe(0);
    const later = await (await page("/settings", withCookie(token))).text();
    expect(later).toContain("studio laptop");
    expect(later).not.toContain(key ?? "-");
    const id = key?.slice(0, 16) ?? "";
    expect((await page(`/settings/credentials/${id}/revoke`, await sessionForm(token, []))).headers.get("location")).toBe("/settings?revoked=1");
    expect((await callApi("GET", "/api/v1/license/check", undefined, { authorization: `Bearer ${key}` })).code).toBe(40101);
  });

  it("lists the signed-in browsers; revoking another ends it, revoking this one signs out; another workspace's and agent tokens are out of reach", async () => {
    const ws = await createTestWorkspace();
    const other = await createTestWorkspace();
    const mine = await signIn(ws);
    const second = await signIn(ws);
    const theirs = await signIn(other);
    const html = await (await page("/settings", withCookie(mine))).text();
    expect([...html.matchAll(/data-credential="(tms_[a-z2-9]+)"/g)]).toHaveLength(2);
    expect(html).not.toContain("tma_");
    await page(`/settings/credentials/${second.slice(0, 16)}/revoke`, await sessionForm(mine, []));
    expect((await page("/", withCookie(second))).headers.get("location")).toBe("/login?ended=1");
    await page(`/settings/credentials/${theirs.slice(0, 16)}/revoke`, await sessionForm(mine, []));
    expect((await page("/", withCookie(theirs))).status).toBe(200);
    await page(`/settings/credentials/${ws.agentToken.slice(0, 16)}/revoke`, await sessionForm(mine, []));
    const agent = await env.DB.prepare("select revoked_at from credentials where id = ?").bind(ws.agentToken.slice(0, 16)).first<{ revoked_at: number | null }>();
    expect(agent?.revoked_at).toBeNull();
    const out = await page(`/settings/credentials/${mine.slice(0, 16)}/revoke`, await sessionForm(mine, []));
    expect(out.headers.get("location")).toBe("/login?out=1");
    expect((await page("/", withCookie(mine))).headers.get("location")).toBe("/login?ended=1");
  });
});
