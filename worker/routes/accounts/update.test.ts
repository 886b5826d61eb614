import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createTestWorkspace } from "../../test/workspace-fixture";
import { addAccount, linkOpened } from "./test-helpers";

describe("PATCH /api/v1/accounts/{id}", () => {
  it("changes only the named fields and answers the updated account", async () => {
    const ws = await createTestWorkspace();
    const account = await addAccount(ws, { username: "alice", email: "a@example.com", tags: ["t"] });
    const answer = await ws.call("PATCH", `/api/v1/accounts/${account.id}`, { status: 1, logined: 1 });
    expect(answer.code, answer.message).toBe(0);
    expect(answer.data).toEqual({ ...account, status: 1, status_text: "disabled", logined: 1, logined_text: "logged_in" });
  });

  it("replaces all tags", async () => {
    const ws = await createTestWorkspace();
    const account = await addAccount(ws, { username: "bob", tags: ["old", "keep"] });
    const answer = await ws.call("PATCH", `/api/v1/accounts/${account.id}`, { tags: ["new", "keep"] });
    expect(answer.data.tags).toEqual(["keep", "new"]);
    const byOld = await ws.call("GET", "/api/v1/accounts?tag=old");
    expect(byOld.data.total).toBe(0);
  });

  it("clears all tags with an empty list", async () => {
    const ws = await createTestWorkspace();
    const account = await addAccount(ws, { username: "carl", tags: ["a"] });
    const answer = await ws.call("PATCH", `/api/v1/accounts/${account.id}`, { tags: [] });
    expect(answer.data.tags).toEqual([]);
  });

  it("binds a device, creating its row, and unbinds it with null", async () => {
    const ws = await createTestWorkspace();
    const account = await addAccount(ws, { username: "dina" });
    const bound = await ws.call("PATCH", `/api/v1/accounts/${account.id}`, { device: "phone-d" });
    expect(bound.data.device).toBe("phone-d");
    const devices = await ws.call("GET", "/api/v1/devices");
    expect(devices.data.devices.map((d: { serial: string }) => d.serial)).toEqual(["phone-d"]);
    const unbound = await ws.call("PATCH", `/api/v1/accounts/${account.id}`, { device: null });
    expect(unbound.data).toMatchObject({ device: null, device_online: false, device_name: "" });
  });

  it("shows the bound phone's model while it is online, else \"\" (TikMatrix's device_name)", async () => {
    const ws = await createTestWorkspace();
    const account = await addAccount(ws, { username: "eli", device: "phone-e" });
    await env.DB.prepare("update devices set model = 'Pixel 7', name = 'Rack 1 #3' where workspace_id = ? and serial = 'phone-e'").bind(ws.id).run();
    const offline = await ws.call("PATCH", `/api/v1/accounts/${account.id}`, { logined: 1 });
    expect(offline.data).toMatchObject({ device_online: false, device_name: "" });
    await linkOpened(ws, "phone-e");
    const online = await ws.call("PATCH", `/api/v1/accounts/${account.id}`, { logined: 0 });
    expect(online.data).toMatchObject({ device_online: true, device_name: "Pixel 7", logined_text: "not_logged_in" });
  });

  it("strips a leading @ from a new username", async () => {
    const ws = await createTestWorkspace();
    const account = await addAccount(ws, { username: "fay" });
    const answer = await ws.call("PATCH", `/api/v1/accounts/${account.id}`, { username: "@faye" });
    expect(answer.data.username).toBe("faye");
  });

  it("refuses a rename onto a username taken on that platform (40901), changing nothing", async () => {
    const ws = await createTestWorkspace();
    await addAccount(ws, { username: "gus" });
    const other = await addAccount(ws, { username: "gil", tags: ["before"] });
    const answer = await ws.call("PATCH", `/api/v1/accounts/${other.id}`, { username: "gus", tags: ["after"] });
    expect(answer.code).toBe(40901);
    expect(answer.message).toContain('"gus"');
    const list = await ws.call("GET", "/api/v1/accounts?tag=before");
    expect(list.data.accounts).toEqual([other]);
  });

  it("refuses a move to the other platform where the username is taken (40901)", async () => {
    const ws = await createTestWorkspace();
    await addAccount(ws, { username: "hal", platform: "instagram" });
    const tiktok = await addAccount(ws, { username: "hal", platform: "tiktok" });
    const answer = await ws.call("PATCH", `/api/v1/accounts/${tiktok.id}`, { platform: "instagram" });
    expect(answer.code).toBe(40901);
  });

  it("stores a new password without returning it", async () => {
    const ws = await createTestWorkspace();
    const account = await addAccount(ws, { username: "ian" });
    const answer = await ws.call("PATCH", `/api/v1/accounts/${account.id}`, { password: "n3w-pass" });
    expect(JSON.stringify(answer)).not.toContain("n3w-pass");
    const row = await env.DB.prepare("select password from accounts where id = ?").bind(account.id).first<{ password: string }>();
    expect(row?.password).toBe("n3w-pass");
  });

  it("refuses an empty body with 40001", async () => {
    const ws = await createTestWorkspace();
    const account = await addAccount(ws, { username: "jo" });
    const answer = await ws.call("PATCH", `/api/v1/accounts/${account.id}`, {});
    expect(answer.code).toBe(40001);
  });

  it("refuses an unknown field with 40001 naming it", async () => {
    const ws = await createTestWorkspace();
    const account = await addAccount(ws, { username: "kim" });
    const answer = await ws.call("PATCH", `/api/v1/accounts/${account.id}`, { id: 7 });
    expect(answer.code).toBe(40001);
    expect(answer.message).toContain("unknown field: id");
  });

  it.each(["abc", "0", "-3", "1.5"])("refuses the id %s with 40001", async (id) => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("PATCH", `/api/v1/accounts/${id}`, { status: 1 });
    expect(answer.code).toBe(40001);
    expect(answer.message.startsWith("id"), answer.message).toBe(true);
  });

  it("answers 40401 for an id that does not exist", async () => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("PATCH", "/api/v1/accounts/999999", { status: 1 });
    expect(answer.status).toBe(404);
    expect(answer.code).toBe(40401);
  });

  it("answers 40401 for another workspace's account and leaves it unchanged", async () => {
    const a = await createTestWorkspace();
    const b = await createTestWorkspace();
    const account = await addAccount(a, { username: "lou" });
    const answer = await b.call("PATCH", `/api/v1/accounts/${account.id}`, { status: 1, device: "b-phone" });
    expect(answer.code).toBe(40401);
    const [stillA] = (await a.call("GET", "/api/v1/accounts")).data.accounts;
    expect(stillA).toEqual(account);
    expect((await b.call("GET", "/api/v1/devices")).data.total).toBe(0);
  });
});
