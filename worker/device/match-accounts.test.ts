import { describe, expect, it } from "vitest";
import { ackRun, connectAgent, sendResult } from "../test/agent-fixture";
import { seedAccount } from "../test/account-fixture";
import { createTestWorkspace } from "../test/workspace-fixture";

/** match_accounts: the accounts a phone reports become the workspace's, bound to it, idempotently. */
const SERIAL = "phone-match";
const FOUND = [
  { platform: "tiktok", package_name: null, username: "shop_main" },
  { platform: "instagram", package_name: "com.instagram.android.clone", username: "ig.second" },
];

async function accountsOf(ws: Awaited<ReturnType<typeof createTestWorkspace>>) {
  const answer = await ws.call("GET", "/api/v1/accounts?page_size=100");
  return (answer.data.accounts as Array<Record<string, unknown>>).map((a) => [a.platform, a.username, a.packagename, a.device, a.logined]);
}

describe("match_accounts", () => {
  it("creates the accounts found, binds a known one to the phone, and a second run changes nothing", async () => {
    const ws = await createTestWorkspace();
    await seedAccount(ws.id, { username: "shop_main", device: "another-phone" });
    const agent = await connectAgent(ws.agentToken, SERIAL);
    for (let round = 0; round < 2; round++) {
      const created = await ws.call("POST", "/api/v1/task", { serials: [SERIAL], script_name: "match_accounts", script_config: {}, enable_multi_account: true });
      expect(created.data.created_count).toBe(1);
      const run = await agent.next("run");
      ackRun(agent, run);
      await sendResult(agent, run, { ok: true, remark: "found 2", accounts: FOUND });
      expect(await accountsOf(ws)).toEqual([
        ["tiktok", "shop_main", null, SERIAL, 1],
        ["instagram", "ig.second", "com.instagram.android.clone", SERIAL, 1],
      ]);
    }
  });

  it("ignores accounts in the result of another script", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, SERIAL);
    await ws.call("POST", "/api/v1/task", { serials: [SERIAL], script_name: "follow", script_config: { target_users: ["x"] } });
    const run = await agent.next("run");
    ackRun(agent, run);
    await sendResult(agent, run, { ok: true, remark: "followed @x", accounts: FOUND });
    expect(await accountsOf(ws)).toEqual([]);
  });

  it("takes serials only, and no script_config fields", async () => {
    const ws = await createTestWorkspace();
    const byName = await ws.call("POST", "/api/v1/task", { usernames: ["someone"], script_name: "match_accounts", script_config: {} });
    expect(byName.code).toBe(40001);
    expect(byName.message).toContain("usernames: match_accounts reads the phones' accounts");
    const extra = await ws.call("POST", "/api/v1/task", { serials: [SERIAL], script_name: "match_accounts", script_config: { deep: true } });
    expect(extra.code).toBe(40001);
    expect(extra.message).toContain("script_config.deep");
  });
});
