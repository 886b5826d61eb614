import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { page, signIn, withCookie } from "../test/web-fixture";
import { createTestWorkspace } from "../test/workspace-fixture";

/** The accounts page: the API's account view, filtered by platform and by what needs a person, one workspace's only. */
describe("the accounts page", () => {
  it("lists the workspace's accounts by username with their phone, login and attention; filters by platform and attention", async () => {
    const ws = await createTestWorkspace();
    const other = await createTestWorkspace();
    for (const body of [
      { username: "zed_tt", platform: "tiktok", device: "p1" },
      { username: "amy_ig", platform: "instagram" },
      { username: "bob_tt", platform: "tiktok" },
    ]) {
      expect((await ws.call("POST", "/api/v1/accounts", body)).code).toBe(0);
    }
    await other.call("POST", "/api/v1/accounts", { username: "not_mine", platform: "tiktok" });
    await env.DB.prepare("update accounts set attention_reason = 'the app asks for a verification (captcha)', attention_code = 1012, attention_task_id = 1, attention_at = ? where workspace_id = ? and username = 'bob_tt'").bind(Date.now(), ws.id).run();
    const token = await signIn(ws);
    const names = async (query: string) => [...(await (await page(`/accounts${query}`, withCookie(token))).text()).matchAll(/data-account="([^"]+)"/g)].map((m) => m[1]);
    expect(await names("")).toEqual(["amy_ig", "bob_tt", "zed_tt"]);
    expect(await names("?platform=tiktok")).toEqual(["bob_tt", "zed_tt"]);
    expect(await names("?attention=1")).toEqual(["bob_tt"]);
    expect(await names("?platform=youtube")).toHaveLength(3);
    const html = await (await page("/accounts", withCookie(token))).text();
    expect(html).toContain("Needs a person: the app asks for a verification (captcha)");
    expect(html).toContain("p1 · offline");
    expect(html).not.toContain("not_mine");
  });
});
