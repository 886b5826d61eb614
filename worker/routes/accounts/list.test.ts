import { describe, expect, it } from "vitest";
import { createTestWorkspace, type TestWorkspace } from "../../test/workspace-fixture";
import { addAccount, linkEnded, linkOpened } from "./test-helpers";

const usernames = async (ws: TestWorkspace, query = "") => {
  const answer = await ws.call("GET", `/api/v1/accounts${query}`);
  expect(answer.code, answer.message).toBe(0);
  return (answer.data.accounts as { username: string }[]).map((a) => a.username);
};

describe("GET /api/v1/accounts", () => {
  it("lists the workspace's accounts oldest first with total, page and page_size", async () => {
    const ws = await createTestWorkspace();
    await addAccount(ws, { username: "first" });
    await addAccount(ws, { username: "second" });
    const answer = await ws.call("GET", "/api/v1/accounts");
    expect(answer.data).toMatchObject({ total: 2, page: 1, page_size: 20 });
    expect(answer.data.accounts.map((a: { username: string }) => a.username)).toEqual(["first", "second"]);
  });

  it("filters by platform", async () => {
    const ws = await createTestWorkspace();
    await addAccount(ws, { username: "tk", platform: "tiktok" });
    await addAccount(ws, { username: "ig", platform: "instagram" });
    expect(await usernames(ws, "?platform=instagram")).toEqual(["ig"]);
  });

  it("filters by bound device serial", async () => {
    const ws = await createTestWorkspace();
    await addAccount(ws, { username: "on-a", device: "phone-a" });
    await addAccount(ws, { username: "on-b", device: "phone-b" });
    await addAccount(ws, { username: "unbound" });
    expect(await usernames(ws, "?device=phone-b")).toEqual(["on-b"]);
  });

  it("filters by logined", async () => {
    const ws = await createTestWorkspace();
    await addAccount(ws, { username: "in", logined: 1 });
    await addAccount(ws, { username: "out", logined: 0 });
    expect(await usernames(ws, "?logined=1")).toEqual(["in"]);
    expect(await usernames(ws, "?logined=0")).toEqual(["out"]);
  });

  it("filters by status", async () => {
    const ws = await createTestWorkspace();
    await addAccount(ws, { username: "enabled", status: 0 });
    await addAccount(ws, { username: "disabled", status: 1 });
    expect(await usernames(ws, "?status=1")).toEqual(["disabled"]);
  });

  it("filters by one tag, matching the whole tag only", async () => {
    const ws = await createTestWorkspace();
    await addAccount(ws, { username: "eu", tags: ["eu", "warm"] });
    await addAccount(ws, { username: "europe", tags: ["europe"] });
    await addAccount(ws, { username: "none" });
    expect(await usernames(ws, "?tag=eu")).toEqual(["eu"]);
  });

  it("combines filters, and counts with the same filters", async () => {
    const ws = await createTestWorkspace();
    await addAccount(ws, { username: "a", platform: "tiktok", tags: ["x"], status: 0 });
    await addAccount(ws, { username: "b", platform: "tiktok", tags: ["x"], status: 1 });
    await addAccount(ws, { username: "c", platform: "instagram", tags: ["x"], status: 0 });
    const answer = await ws.call("GET", "/api/v1/accounts?platform=tiktok&tag=x&status=0");
    expect(answer.data.total).toBe(1);
    expect(answer.data.accounts.map((a: { username: string }) => a.username)).toEqual(["a"]);
  });

  it("pages by page and page_size with the true total", async () => {
    const ws = await createTestWorkspace();
    for (const name of ["u1", "u2", "u3", "u4", "u5"]) await addAccount(ws, { username: name });
    const answer = await ws.call("GET", "/api/v1/accounts?page=2&page_size=2");
    expect(answer.data).toMatchObject({ total: 5, page: 2, page_size: 2 });
    expect(answer.data.accounts.map((a: { username: string }) => a.username)).toEqual(["u3", "u4"]);
  });

  it("answers a page past the end with an empty list and the true total", async () => {
    const ws = await createTestWorkspace();
    await addAccount(ws, { username: "only" });
    const answer = await ws.call("GET", "/api/v1/accounts?page=3");
    expect(answer.data).toEqual({ accounts: [], total: 1, page: 3, page_size: 20 });
  });

  it("treats an empty filter as not given", async () => {
    const ws = await createTestWorkspace();
    await addAccount(ws, { username: "solo" });
    const answer = await ws.call("GET", "/api/v1/accounts?tag=&platform=&status=");
    expect(answer.data.total).toBe(1);
  });

  it.each([
    ["page=0", "page"],
    ["page=-1", "page"],
    ["page_size=0", "page_size"],
    ["page_size=101", "page_size"],
    ["page_size=abc", "page_size"],
    ["platform=youtube", "platform"],
    ["logined=2", "logined"],
    ["status=yes", "status"],
    ["device=has%20space", "device"],
  ])("refuses ?%s with 40001 naming %s", async (query, field) => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("GET", `/api/v1/accounts?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.code).toBe(40001);
    expect(answer.message.startsWith(field), answer.message).toBe(true);
  });

  it("does not list another workspace's accounts", async () => {
    const a = await createTestWorkspace();
    const b = await createTestWorkspace();
    await addAccount(a, { username: "mine", tags: ["shared-tag"] });
    const answer = await b.call("GET", "/api/v1/accounts?tag=shared-tag");
    expect(answer.data).toMatchObject({ accounts: [], total: 0 });
    expect(await usernames(b)).toEqual([]);
  });

  it("shows device_online false without a heartbeat", async () => {
    const ws = await createTestWorkspace();
    await addAccount(ws, { username: "quiet", device: "phone-q" });
    const [account] = (await ws.call("GET", "/api/v1/accounts")).data.accounts;
    expect(account.device_online).toBe(false);
  });

  it("shows device_online true when the phone was heard from just now", async () => {
    const ws = await createTestWorkspace();
    await addAccount(ws, { username: "live", device: "phone-l" });
    await linkOpened(ws, "phone-l");
    const [account] = (await ws.call("GET", "/api/v1/accounts")).data.accounts;
    expect(account.device_online).toBe(true);
  });

  it("shows device_online false once the phone's link has ended", async () => {
    const ws = await createTestWorkspace();
    await addAccount(ws, { username: "stale", device: "phone-s" });
    await linkEnded(ws, "phone-s", Date.now() - 31_000);
    const [account] = (await ws.call("GET", "/api/v1/accounts")).data.accounts;
    expect(account.device_online).toBe(false);
  });
});
