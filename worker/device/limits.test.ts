import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  ackRun,
  connectAgent,
  eventually,
  fireAlarm,
  letTimePass,
  phoneQueue,
  roundTrip,
  runningCount,
  runsOf,
  sendResult,
  type TestAgent,
} from "../test/agent-fixture";
import { createTasks, storedTask } from "../test/task-fixture";
import { createTestWorkspace, type TestWorkspace } from "../test/workspace-fixture";

const SERIALS = ["lim-1", "lim-2", "lim-3", "lim-4", "lim-5", "lim-6"];

/**
 * A Starter workspace (device_limit 5) with one pending task per phone. Tasks are created
 * while it is still Pro (Starter has no API access) and no agent is connected, so nothing
 * runs before the plan changes.
 */
async function starterWorkspaceWithTasks(): Promise<{ ws: TestWorkspace; ids: number[] }> {
  const ws = await createTestWorkspace({ plan: "pro" });
  const ids = await createTasks(ws, SERIALS);
  await env.DB.prepare("UPDATE workspaces SET plan = 'starter' WHERE id = ?").bind(ws.id).run();
  return { ws, ids };
}

describe("the workspace's device limit", () => {
  it("runs at most device_limit tasks at once: 6 connected phones of a Starter workspace get 5 runs", async () => {
    const { ws } = await starterWorkspaceWithTasks();
    const agents = await Promise.all(SERIALS.map((serial) => connectAgent(ws.agentToken, serial)));

    // Wait until every phone has either sent its run or found the workspace full.
    const blocked = async () => {
      const views = await Promise.all(SERIALS.map((serial) => phoneQueue(ws.id, serial)));
      return SERIALS.filter((_, i) => views[i]!.blockedUntil !== null);
    };
    await eventually(async () => {
      expect(agents.filter((a) => runsOf(a).length > 0)).toHaveLength(5);
      expect(await blocked()).toHaveLength(1);
    });
    expect(await runningCount(ws.id)).toBe(5);
  });

  it("keeps the sixth phone waiting while five run, and runs it after a result frees a slot and its alarm fires", async () => {
    const { ws, ids } = await starterWorkspaceWithTasks();
    const agents: TestAgent[] = [];
    for (const serial of SERIALS) agents.push(await connectAgent(ws.agentToken, serial));
    const last = agents[5]!;
    const lastSerial = SERIALS[5]!;

    const runs = await Promise.all(agents.slice(0, 5).map((a) => a.next("run")));
    for (const [i, run] of runs.entries()) ackRun(agents[i]!, run);
    await eventually(async () => expect((await phoneQueue(ws.id, lastSerial)).blockedUntil).not.toBeNull());
    expect(await runningCount(ws.id)).toBe(5);

    // Its alarm fires while the workspace is still full: still nothing.
    await letTimePass(ws.id, lastSerial, 2_000);
    await fireAlarm(ws.id, lastSerial);
    await roundTrip(last);
    expect(runsOf(last)).toEqual([]);
    expect((await storedTask(ids[5]!))?.status).toBe(0);
    expect(await runningCount(ws.id)).toBe(5);

    await sendResult(agents[0]!, runs[0]!, { ok: true, remark: "posted" });
    expect(await runningCount(ws.id)).toBe(4);

    await letTimePass(ws.id, lastSerial, 2_000);
    await fireAlarm(ws.id, lastSerial);
    const run = await last.next("run");
    expect(run.task_id).toBe(ids[5]);
    expect(await runningCount(ws.id)).toBe(5);
  });
});

describe("duplicates change nothing", () => {
  const serial = "dup-phone";

  it("sends one run when the alarm fires twice at once", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, serial);
    const [id] = await createTasks(ws, [serial], { start_time: new Date(Date.now() + 3_600_000).toISOString() });
    await letTimePass(ws.id, serial, 3_600_000);

    await Promise.all([fireAlarm(ws.id, serial), fireAlarm(ws.id, serial)]);
    await fireAlarm(ws.id, serial);
    await roundTrip(agent);
    expect(runsOf(agent).map((r) => r.task_id)).toEqual([id]);
  });

  it("sends no second run when the alarm fires while the run is outstanding", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, serial);
    const [id] = await createTasks(ws, [serial]);
    const run = await agent.next("run");

    expect(await fireAlarm(ws.id, serial)).toBe(true);
    ackRun(agent, run);
    await fireAlarm(ws.id, serial);
    await roundTrip(agent);
    expect(runsOf(agent).map((r) => r.attempt_id)).toEqual([run.attempt_id]);
    expect((await storedTask(id!))?.attemptId).toBe(run.attempt_id);
  });

  it("stores a result sent twice once, acks it both times, and starts the next task once", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, serial);
    const [one] = await createTasks(ws, [serial]);
    const [two] = await createTasks(ws, [serial]);
    const run = await agent.next("run");
    ackRun(agent, run);

    const result = { type: "result", task_id: run.task_id, attempt_id: run.attempt_id, ok: true, remark: "posted" } as const;
    agent.send(result);
    agent.send(result);
    await eventually(() => expect(agent.received.filter((m) => m.type === "result_ack" && m.task_id === one)).toHaveLength(2));
    const stored = await storedTask(one!);
    expect(stored).toMatchObject({ status: 2, remark: "posted" });

    // A replay much later (after a reconnect, say) is acked again and changes nothing.
    await sendResult(agent, run, { ok: false, fail_code: 1005, remark: "replayed differently" });
    expect(await storedTask(one!)).toEqual(stored);

    await roundTrip(agent);
    expect(runsOf(agent).map((r) => r.task_id)).toEqual([one, two]);
    expect(await runningCount(ws.id)).toBe(1);
  });

  it("stores a log line sent twice (same seq) once", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, serial);
    const [id] = await createTasks(ws, [serial]);
    const run = await agent.next("run");
    ackRun(agent, run);
    const line = (seq: number, message: string) =>
      ({ type: "log", task_id: run.task_id, attempt_id: run.attempt_id, seq, at: Date.now(), level: "info", message }) as const;
    agent.send(line(0, "opened TikTok"));
    agent.send(line(0, "opened TikTok"));
    agent.send(line(1, "uploaded"));
    agent.send(line(1, "uploaded"));
    await sendResult(agent, run);

    const logs = await ws.call("GET", `/api/v1/task/${id}/logs`);
    // Order is not the point here (see evidence.test.ts): each line once.
    expect(logs.data.logs.map((l: { message: string }) => l.message).sort()).toEqual(["opened TikTok", "uploaded"]);
  });
});
