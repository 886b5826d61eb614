import { describe, expect, it } from "vitest";
import { ackRun, connectAgent, roundTrip, runsOf, sendResult } from "../test/agent-fixture";
import { seedAccount } from "../test/account-fixture";
import { storedTask } from "../test/task-fixture";
import { createTestWorkspace } from "../test/workspace-fixture";

/**
 * An account left on a screen a person must handle (docs/scripts/account-states.md): its task
 * marks it, its next tasks fail at dispatch without reaching the phone, and a user clears it.
 */
const SERIAL = "phone-attention";
const follow = (users: string[]) => ({ usernames: ["@shop_a"], script_name: "follow", script_config: { target_users: users } });

describe("needs_attention", () => {
  it("is set by a 1012 of the account's task, fails its next tasks with 1015 at dispatch, and is cleared by PATCH", async () => {
    const ws = await createTestWorkspace();
    const accountId = await seedAccount(ws.id, { username: "shop_a", device: SERIAL });
    const agent = await connectAgent(ws.agentToken, SERIAL);
    const created = await ws.call("POST", "/api/v1/task", follow(["one", "two", "three"]));
    const [first, second, third] = created.data.task_ids as number[];

    const run = await agent.next("run");
    expect(run.task_id).toBe(first);
    ackRun(agent, run);
    await sendResult(agent, run, { ok: false, fail_code: 1012, remark: 'the app asks for a verification: the app shows "Drag the puzzle piece into place"', posted: false });
    expect(await storedTask(first!)).toMatchObject({ status: 3, failCode: 1012, retryCount: 0 });

    const marked = await ws.call("GET", `/api/v1/accounts?page_size=10`);
    const account = (marked.data.accounts as Array<Record<string, unknown>>).find((a) => a.id === accountId);
    expect(account?.needs_attention).toEqual({ reason: expect.stringContaining("Drag the puzzle piece"), fail_code: 1012, task_id: first, since: expect.any(String) });

    // The next two never reach the phone: both end 1015 naming the task that marked the account.
    await roundTrip(agent);
    expect(runsOf(agent)).toHaveLength(1);
    for (const id of [second, third]) {
      expect(await storedTask(id!)).toMatchObject({ status: 3, failCode: 1015, retryCount: 0, remark: expect.stringContaining(`task ${first} ended with 1012`) });
    }

    const cleared = await ws.call("PATCH", `/api/v1/accounts/${accountId}`, { needs_attention: null });
    expect(cleared.data).toMatchObject({ id: accountId, needs_attention: null });
    const again = await ws.call("POST", "/api/v1/task", follow(["four"]));
    const next = await agent.next("run");
    expect(next.task_id).toBe(again.data.task_ids[0]);
  });

  it("is not set by a failure a person need not handle, nor by a stale result", async () => {
    const ws = await createTestWorkspace();
    const accountId = await seedAccount(ws.id, { username: "shop_a", device: SERIAL });
    const agent = await connectAgent(ws.agentToken, SERIAL);
    await ws.call("POST", "/api/v1/task", follow(["one"]));
    const run = await agent.next("run");
    ackRun(agent, run);
    await sendResult(agent, { ...run, attempt_id: "not-the-attempt" }, { ok: false, fail_code: 1014, remark: "banned", posted: false });
    await sendResult(agent, run, { ok: false, fail_code: 1005, remark: "no Follow button", posted: false });
    const shown = await ws.call("GET", `/api/v1/accounts?page_size=10`);
    expect((shown.data.accounts as Array<Record<string, unknown>>).find((a) => a.id === accountId)?.needs_attention).toBeNull();
  });

  it("takes only null through PATCH: the mark is the tasks' to set", async () => {
    const ws = await createTestWorkspace();
    const accountId = await seedAccount(ws.id, { username: "shop_a", device: SERIAL });
    const answer = await ws.call("PATCH", `/api/v1/accounts/${accountId}`, { needs_attention: "captcha" });
    expect(answer.code).toBe(40001);
    expect(answer.message).toContain("needs_attention");
  });
});
