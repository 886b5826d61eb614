import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createTestWorkspace } from "../../test/workspace-fixture";
import { addAccount } from "./test-helpers";

describe("POST /api/v1/accounts", () => {
  it("creates an account and answers it with TikMatrix's field names", async () => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("POST", "/api/v1/accounts", {
      username: "alice",
      platform: "instagram",
      email: "alice@example.com",
      packagename: "com.instagram.android.clone",
      logined: 1,
      status: 1,
      tags: ["warm", "eu"],
    });
    expect(answer.status).toBe(200);
    expect(answer.data).toEqual({
      id: expect.any(Number),
      username: "alice",
      email: "alice@example.com",
      platform: "instagram",
      packagename: "com.instagram.android.clone",
      device: null,
      device_online: false,
      device_name: "",
      logined: 1,
      logined_text: "logged_in",
      status: 1,
      status_text: "disabled",
      tags: ["eu", "warm"],
      needs_attention: null,
    });
  });

  it("fills defaults: the workspace's platform, enabled, not logged in, no tags", async () => {
    const ws = await createTestWorkspace({ defaultPlatform: "instagram" });
    const account = await addAccount(ws, { username: "bob" });
    expect(account).toMatchObject({
      platform: "instagram",
      email: "",
      packagename: null,
      logined: 0,
      logined_text: "not_logged_in",
      status: 0,
      status_text: "enabled",
      tags: [],
    });
  });

  it("strips a leading @ from the username", async () => {
    const ws = await createTestWorkspace();
    const account = await addAccount(ws, { username: "@carol" });
    expect(account.username).toBe("carol");
  });

  it("refuses a second account with the same username on the same platform (40901 naming it)", async () => {
    const ws = await createTestWorkspace();
    await addAccount(ws, { username: "dave", platform: "tiktok" });
    const answer = await ws.call("POST", "/api/v1/accounts", { username: "@dave", platform: "tiktok" });
    expect(answer.status).toBe(409);
    expect(answer.code).toBe(40901);
    expect(answer.message).toContain('"dave"');
  });

  it.each([
    ["case", "Dave_1", "DAVE_1"],
    ["a leading @ and spaces", " @dave_1 ", "dave_1"],
    ["fullwidth letters (NFKC)", "ｄａｖｅ＿１", "dave_1"],
  ])("treats names the platforms treat as one account as one: %s", async (_how, first, second) => {
    const ws = await createTestWorkspace();
    const account = await addAccount(ws, { username: first, platform: "tiktok" });
    expect(account.username).toBe("dave_1");
    const answer = await ws.call("POST", "/api/v1/accounts", { username: second, platform: "tiktok" });
    expect(answer).toMatchObject({ status: 409, code: 40901 });
    expect(answer.message).toContain('"dave_1"');
    const renamed = await ws.call("PATCH", `/api/v1/accounts/${String((await addAccount(ws, { username: "other" })).id)}`, { username: second });
    expect(renamed.code).toBe(40901);
  });

  it("allows the same username on the other platform", async () => {
    const ws = await createTestWorkspace();
    await addAccount(ws, { username: "erin", platform: "tiktok" });
    const account = await addAccount(ws, { username: "erin", platform: "instagram" });
    expect(account.platform).toBe("instagram");
  });

  it("leaves nothing behind when the username is taken (no tags, no device row)", async () => {
    const ws = await createTestWorkspace();
    await addAccount(ws, { username: "frank" });
    await ws.call("POST", "/api/v1/accounts", { username: "frank", device: "ghost-phone", tags: ["x"] });
    const devices = await env.DB.prepare("select count(*) as n from devices where workspace_id = ?").bind(ws.id).first<{ n: number }>();
    const tags = await env.DB.prepare("select count(*) as n from account_tags where workspace_id = ?").bind(ws.id).first<{ n: number }>();
    expect(devices?.n).toBe(0);
    expect(tags?.n).toBe(0);
  });

  it("refuses an unknown field with 40001 naming it", async () => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("POST", "/api/v1/accounts", { username: "gina", nickname: "G" });
    expect(answer.code).toBe(40001);
    expect(answer.message).toContain("nickname");
  });

  it.each([
    [{}, "username"],
    [{ username: "" }, "username"],
    [{ username: "@" }, "username"],
    [{ username: "has space" }, "username"],
    [{ username: "x".repeat(65) }, "username"],
    [{ username: "h", platform: "youtube" }, "platform"],
    [{ username: "h", email: "not-an-email" }, "email"],
    [{ username: "h", packagename: "not a package" }, "packagename"],
    [{ username: "h", device: "has space" }, "device"],
    [{ username: "h", device: "x".repeat(129) }, "device"],
    [{ username: "h", logined: 2 }, "logined"],
    [{ username: "h", status: "0" }, "status"],
    [{ username: "h", tags: "a,b" }, "tags"],
    [{ username: "h", tags: [""] }, "tags[0]"],
    [{ username: "h", tags: ["x".repeat(65)] }, "tags[0]"],
    [{ username: "h", tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, "tags"],
  ])("refuses %j with 40001 naming %s", async (body, field) => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("POST", "/api/v1/accounts", body);
    expect(answer.code).toBe(40001);
    expect(answer.message.startsWith(field), answer.message).toBe(true);
  });

  it("never returns the password, not even in the raw response text", async () => {
    const ws = await createTestWorkspace();
    const response = await SELF.fetch("https://api.test/api/v1/accounts", {
      method: "POST",
      headers: { authorization: `Bearer ${ws.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ username: "hank", password: "s3cret-Pa55" }),
    });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).not.toContain("s3cret-Pa55");
    expect(text).not.toContain("password");
    const list = await SELF.fetch("https://api.test/api/v1/accounts", { headers: { authorization: `Bearer ${ws.apiKey}` } });
    expect(await list.text()).not.toContain("s3cret-Pa55");
  });

  it("stores the password for the login script", async () => {
    const ws = await createTestWorkspace();
    const account = await addAccount(ws, { username: "ivy", password: "s3cret" });
    const row = await env.DB.prepare("select password from accounts where id = ?").bind(account.id).first<{ password: string }>();
    expect(row?.password).toBe("s3cret");
  });

  it("removes duplicate tags and sorts them", async () => {
    const ws = await createTestWorkspace();
    const account = await addAccount(ws, { username: "jack", tags: ["b", "a", "b", " a "] });
    expect(account.tags).toEqual(["a", "b"]);
  });

  it("keeps 50 tags on one account within D1's parameter limit", async () => {
    const ws = await createTestWorkspace();
    const tags = Array.from({ length: 50 }, (_, i) => `tag-${String(i).padStart(2, "0")}-${"x".repeat(50)}`);
    const account = await addAccount(ws, { username: "kate", tags });
    expect(account.tags).toEqual(tags);
    const listed = await ws.call("GET", "/api/v1/accounts?tag=tag-49-" + "x".repeat(50));
    expect(listed.data.accounts.map((a: { id: number }) => a.id)).toEqual([account.id]);
  });

  it("binding an unknown serial makes the phone known to the workspace", async () => {
    const ws = await createTestWorkspace();
    const account = await addAccount(ws, { username: "liam", device: "192.168.1.5:5555" });
    expect(account).toMatchObject({ device: "192.168.1.5:5555", device_online: false, device_name: "" });
    const devices = await ws.call("GET", "/api/v1/devices");
    expect(devices.data.devices).toEqual([expect.objectContaining({ serial: "192.168.1.5:5555", accounts: 1 })]);
  });
});
