import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createTestWorkspace } from "../../test/workspace-fixture";
import { addAccount } from "./test-helpers";

describe("DELETE /api/v1/accounts/{id}", () => {
  it("deletes the account and answers its id", async () => {
    const ws = await createTestWorkspace();
    const account = await addAccount(ws, { username: "gone" });
    const answer = await ws.call("DELETE", `/api/v1/accounts/${account.id}`);
    expect(answer.code).toBe(0);
    expect(answer.data).toEqual({ id: account.id });
    expect((await ws.call("GET", "/api/v1/accounts")).data.total).toBe(0);
  });

  it("takes the account's tags with it", async () => {
    const ws = await createTestWorkspace();
    const account = await addAccount(ws, { username: "tagged", tags: ["a", "b"] });
    await ws.call("DELETE", `/api/v1/accounts/${account.id}`);
    const left = await env.DB.prepare("select count(*) as n from account_tags where account_id = ?").bind(account.id).first<{ n: number }>();
    expect(left?.n).toBe(0);
  });

  it("keeps the bound phone's device row", async () => {
    const ws = await createTestWorkspace();
    const account = await addAccount(ws, { username: "bound", device: "phone-k" });
    await ws.call("DELETE", `/api/v1/accounts/${account.id}`);
    const devices = await ws.call("GET", "/api/v1/devices");
    expect(devices.data.devices).toEqual([expect.objectContaining({ serial: "phone-k", accounts: 0 })]);
  });

  it("answers 40401 the second time", async () => {
    const ws = await createTestWorkspace();
    const account = await addAccount(ws, { username: "twice" });
    await ws.call("DELETE", `/api/v1/accounts/${account.id}`);
    const again = await ws.call("DELETE", `/api/v1/accounts/${account.id}`);
    expect(again.status).toBe(404);
    expect(again.code).toBe(40401);
  });

  it("answers 40401 for another workspace's account and keeps it", async () => {
    const a = await createTestWorkspace();
    const b = await createTestWorkspace();
    const account = await addAccount(a, { username: "theirs" });
    const answer = await b.call("DELETE", `/api/v1/accounts/${account.id}`);
    expect(answer.code).toBe(40401);
    expect((await a.call("GET", "/api/v1/accounts")).data.accounts).toEqual([account]);
  });

  it("refuses an id that is not a positive integer with 40001", async () => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("DELETE", "/api/v1/accounts/abc");
    expect(answer.code).toBe(40001);
  });
});
