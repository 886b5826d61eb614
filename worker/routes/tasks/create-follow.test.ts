import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { seedAccount } from "../../test/account-fixture";
import { createTestWorkspace } from "../../test/workspace-fixture";

/**
 * The create of `follow` and `unfollow` against TikMatrix's script pages: their example bodies,
 * every field with its default and bounds, and the fan-out of one task per target per phone.
 */
async function stored(workspaceId: string) {
  const { results } = await env.DB.prepare("select serial, username, script_name, script_config, request_index from tasks where workspace_id = ? order by id")
    .bind(workspaceId)
    .all<{ serial: string; username: string | null; script_name: string; script_config: string; request_index: number }>();
  return results.map((row) => ({ ...row, script_config: JSON.parse(row.script_config) as Record<string, unknown> }));
}

describe("follow and unfollow: TikMatrix's example bodies", () => {
  it.each([
    [{ serials: ["device_serial_1"], script_name: "follow", script_config: { target_users: ["@user1", "@user2", "@user3"], access_method: "direct" } }, 3],
    [{ serials: ["device_serial_1"], script_name: "follow", script_config: { target_users: ["username1", "username2"], access_method: "search" } }, 2],
    [{ serials: ["device_1", "device_2", "device_3"], script_name: "unfollow", script_config: { target_users: ["@old_account"], access_method: "direct" }, enable_multi_account: false }, 3],
    [{ serials: ["device_serial_1"], script_name: "follow", script_config: { target_users: ["@user1", "@user2"], access_method: "direct" }, start_time: "14:30" }, 2],
    [{ serials: ["device_serial_1"], script_name: "follow", script_config: { target_username: "@tikmatrix" } }, 1],
  ])("%o makes %i tasks", async (body, count) => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("POST", "/api/v1/task", body);
    expect(answer.code, answer.message).toBe(0);
    expect(answer.data.created_count).toBe(count);
  });

  it("makes one task per user per phone, user by user, each naming its one user", async () => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("POST", "/api/v1/task", { serials: ["a", "b"], script_name: "follow", script_config: { target_users: ["@One", "two", "three"], access_method: "search" } });
    expect(answer.data.created_count).toBe(6);
    const tasks = await stored(ws.id);
    expect(tasks.map((t) => [t.serial, t.script_config.target_users, t.request_index])).toEqual([
      ["a", ["one"], 0],
      ["b", ["one"], 1],
      ["a", ["two"], 2],
      ["b", ["two"], 3],
      ["a", ["three"], 4],
      ["b", ["three"], 5],
    ]);
    expect(tasks[0]?.script_config).toEqual({ target_users: ["one"], access_method: "search" });
    const shown = await ws.call("GET", `/api/v1/task/${answer.data.task_ids[0]}`);
    expect(shown.data).toMatchObject({ script_name: "follow", script_config: { target_users: ["one"], access_method: "search" } });
  });

  it("takes target_user as names on lines or between commas, target_users winning over it", async () => {
    const ws = await createTestWorkspace();
    await ws.call("POST", "/api/v1/task", { serials: ["a"], script_name: "follow", script_config: { target_user: "@a1\nb2, c3，d4\r\n\n" } });
    expect((await stored(ws.id)).map((t) => t.script_config.target_users)).toEqual([["a1"], ["b2"], ["c3"], ["d4"]]);
    const other = await createTestWorkspace();
    await other.call("POST", "/api/v1/task", { serials: ["a"], script_name: "unfollow", script_config: { target_users: ["winner"], target_user: "loser" } });
    expect((await stored(other.id)).map((t) => [t.script_name, t.script_config])).toEqual([["unfollow", { target_users: ["winner"] }]]);
  });

  it("counts a user named twice (with @, in another case) once", async () => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("POST", "/api/v1/task", { serials: ["a"], script_name: "follow", script_config: { target_users: ["@Same", "same", "SAME"] } });
    expect(answer.data.created_count).toBe(1);
  });

  it("fans out over accounts in usernames mode and with enable_multi_account", async () => {
    const ws = await createTestWorkspace();
    await seedAccount(ws.id, { username: "my_account1", device: "p1" });
    await seedAccount(ws.id, { username: "my_account2", device: "p1" });
    const byName = await ws.call("POST", "/api/v1/task", { usernames: ["@my_account1", "@my_account2"], script_name: "follow", script_config: { target_users: ["@target_user"], access_method: "direct" } });
    expect(byName.data.created_count).toBe(2);
    const multi = await ws.call("POST", "/api/v1/task", { serials: ["p1"], enable_multi_account: true, script_name: "unfollow", script_config: { target_users: ["x1", "x2"] } });
    expect(multi.data.created_count).toBe(4);
    const tasks = (await stored(ws.id)).slice(2);
    expect(tasks.map((t) => [t.username, t.script_config.target_users])).toEqual([
      ["my_account1", ["x1"]],
      ["my_account2", ["x1"]],
      ["my_account1", ["x2"]],
      ["my_account2", ["x2"]],
    ]);
  });

  it("refuses a create of more than 1,000 tasks counting users × phones", async () => {
    const ws = await createTestWorkspace();
    const users = Array.from({ length: 101 }, (_, i) => `user${i}`);
    const serials = Array.from({ length: 10 }, (_, i) => `p${i}`);
    const answer = await ws.call("POST", "/api/v1/task", { serials, script_name: "follow", script_config: { target_users: users } });
    expect(answer.code).toBe(40001);
    expect(answer.message).toContain("1010 tasks (10 phones or accounts × 101 targets)");
    expect(await stored(ws.id)).toHaveLength(0);
  });
});

describe("follow and unfollow: validation", () => {
  it.each([
    [{}, "script_config.target_users"],
    [{ target_users: [] }, "script_config.target_users"],
    [{ target_user: "  \n , " }, "script_config.target_users"],
    [{ target_users: ["has space"] }, "script_config.target_users[0]"],
    [{ target_users: ["名字"] }, "script_config.target_users[0]"],
    [{ target_users: ["a".repeat(31)] }, "script_config.target_users[0]"],
    [{ target_users: [7] }, "script_config.target_users[0]"],
    [{ target_users: "solo" }, "script_config.target_users"],
    [{ target_user: "good\nbad name" }, "script_config.target_user"],
    [{ target_users: ["ok"], access_method: "url" }, "script_config.access_method"],
    [{ target_users: ["ok"], follow_method: "search" }, "script_config.follow_method"],
    [{ target_users: Array.from({ length: 1001 }, (_, i) => `u${i}`) }, "script_config.target_users"],
  ])("refuses %o with 40001 naming %s", async (config, named) => {
    for (const script of ["follow", "unfollow"]) {
      const ws = await createTestWorkspace();
      const answer = await ws.call("POST", "/api/v1/task", { serials: ["a"], script_name: script, script_config: config });
      expect(answer.code, answer.message).toBe(40001);
      expect(answer.message).toContain(named);
      expect(await stored(ws.id)).toHaveLength(0);
    }
  });

  it("accepts the bounds: a 30-character name, 1,000 users on one phone, access_method's two values", async () => {
    const ws = await createTestWorkspace();
    const users = Array.from({ length: 1000 }, (_, i) => `user.${i}_x`);
    users[0] = "a".repeat(30);
    const answer = await ws.call("POST", "/api/v1/task", { serials: ["a"], script_name: "follow", script_config: { target_users: users, access_method: "search" } });
    expect(answer.code, answer.message).toBe(0);
    expect(answer.data.created_count).toBe(1000);
  });
});
