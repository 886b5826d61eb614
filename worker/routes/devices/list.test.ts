import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createTestWorkspace, type TestWorkspace } from "../../test/workspace-fixture";
import { addAccount, linkEnded, linkOpened } from "../accounts/test-helpers";

const serials = async (ws: TestWorkspace, query = "") => {
  const answer = await ws.call("GET", `/api/v1/devices${query}`);
  expect(answer.code, answer.message).toBe(0);
  return (answer.data.devices as { serial: string }[]).map((d) => d.serial);
};

describe("GET /api/v1/devices", () => {
  it("shows a phone made known by binding an account, offline and idle", async () => {
    const ws = await createTestWorkspace();
    await addAccount(ws, { username: "a", device: "phone-1" });
    const answer = await ws.call("GET", "/api/v1/devices");
    expect(answer.data).toEqual({
      devices: [
        {
          serial: "phone-1",
          name: null,
          model: null,
          android_version: null,
          online: false,
          busy: false,
          agent: null,
          agent_version: null,
          last_seen: null,
          current_task_id: null,
          accounts: 1,
          adb_state: null,
          ready: false,
          not_ready_reason: null,
          health: null,
        },
      ],
      total: 1,
      page: 1,
      page_size: 20,
    });
  });

  it("shows a linked phone online, last seen at the answer's time; a phone whose link ended at its last frame", async () => {
    const ws = await createTestWorkspace();
    await addAccount(ws, { username: "a", device: "phone-1" });
    await addAccount(ws, { username: "b", device: "phone-2" });
    const before = Date.now();
    // Linked an hour ago: D1 holds only when the link began, the object vouches for now.
    await linkOpened(ws, "phone-1", before - 3_600_000);
    await linkEnded(ws, "phone-2", before - 31_000);
    const [linked, ended] = (await ws.call("GET", "/api/v1/devices")).data.devices;
    expect(linked).toMatchObject({ serial: "phone-1", online: true });
    expect(Date.parse(linked.last_seen)).toBeGreaterThanOrEqual(before);
    expect(ended).toMatchObject({ serial: "phone-2", online: false, last_seen: new Date(before - 31_000).toISOString() });
  });

  it("shows what the agent reported: model, agent, and the running task as busy", async () => {
    const ws = await createTestWorkspace();
    await addAccount(ws, { username: "a", device: "phone-1" });
    await env.DB.prepare(
      "update devices set name = 'Rack 1', model = 'Pixel 7', android_version = '14', agent_id = 'pc-1', agent_version = '0.3.0', current_task_id = 42 where workspace_id = ?",
    )
      .bind(ws.id)
      .run();
    const [device] = (await ws.call("GET", "/api/v1/devices")).data.devices;
    expect(device).toMatchObject({
      name: "Rack 1",
      model: "Pixel 7",
      android_version: "14",
      agent: "pc-1",
      agent_version: "0.3.0",
      busy: true,
      current_task_id: 42,
    });
  });

  it("counts every account bound to each phone", async () => {
    const ws = await createTestWorkspace();
    await addAccount(ws, { username: "a", device: "phone-1" });
    await addAccount(ws, { username: "b", device: "phone-1", platform: "instagram" });
    await addAccount(ws, { username: "c", device: "phone-2" });
    const devices = (await ws.call("GET", "/api/v1/devices")).data.devices as { serial: string; accounts: number }[];
    expect(devices.map((d) => [d.serial, d.accounts])).toEqual([
      ["phone-1", 2],
      ["phone-2", 1],
    ]);
  });

  it("orders by serial and pages with the true total", async () => {
    const ws = await createTestWorkspace();
    for (const serial of ["c", "a", "e", "b", "d"]) await addAccount(ws, { username: `u-${serial}`, device: serial });
    const answer = await ws.call("GET", "/api/v1/devices?page=2&page_size=2");
    expect(answer.data).toMatchObject({ total: 5, page: 2, page_size: 2 });
    expect(answer.data.devices.map((d: { serial: string }) => d.serial)).toEqual(["c", "d"]);
  });

  it("answers a page past the end with an empty list and the true total", async () => {
    const ws = await createTestWorkspace();
    await addAccount(ws, { username: "a", device: "phone-1" });
    const answer = await ws.call("GET", "/api/v1/devices?page=2");
    expect(answer.data).toEqual({ devices: [], total: 1, page: 2, page_size: 20 });
  });

  it("filters by online", async () => {
    const ws = await createTestWorkspace();
    await addAccount(ws, { username: "a", device: "live" });
    await addAccount(ws, { username: "b", device: "quiet" });
    await addAccount(ws, { username: "c", device: "stale" });
    await linkOpened(ws, "live");
    await linkEnded(ws, "stale", Date.now() - 31_000);
    expect(await serials(ws, "?online=1")).toEqual(["live"]);
    expect(await serials(ws, "?online=0")).toEqual(["quiet", "stale"]);
  });

  it.each([
    ["page=0", "page"],
    ["page_size=101", "page_size"],
    ["page_size=abc", "page_size"],
    ["online=yes", "online"],
  ])("refuses ?%s with 40001 naming %s", async (query, field) => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("GET", `/api/v1/devices?${query}`);
    expect(answer.code).toBe(40001);
    expect(answer.message.startsWith(field), answer.message).toBe(true);
  });

  it("does not show another workspace's phones", async () => {
    const a = await createTestWorkspace();
    const b = await createTestWorkspace();
    await addAccount(a, { username: "a", device: "phone-1" });
    await addAccount(b, { username: "b", device: "phone-1" });
    const answer = await b.call("GET", "/api/v1/devices");
    expect(answer.data.devices).toEqual([expect.objectContaining({ serial: "phone-1", accounts: 1 })]);
    expect(answer.data.total).toBe(1);
  });
});
