import { describe, expect, it } from "vitest";
import {
  ackRun,
  connectAgent,
  fireAlarm,
  letTimePass,
  roundTrip,
  runsOf,
  sendResult,
  stopsOf,
  startAckedRun,
} from "../test/agent-fixture";
import { createTasks, storedTask } from "../test/task-fixture";
import { createTestWorkspace } from "../test/workspace-fixture";

const SERIAL = "phone-fail";

describe("a run the agent never acks", () => {
  it("is sent again with the same attempt while the agent is connected: a late ack must not make a second run", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, SERIAL);
    const [id] = await createTasks(ws, [SERIAL]);
    const first = await agent.next("run");

    await letTimePass(ws.id, SERIAL, 5_000);
    await fireAlarm(ws.id, SERIAL);
    const again = await agent.next("run");
    // The same run; only its deadline moved here, with the time this test made pass.
    expect({ ...again, deadline_at: 0 }).toEqual({ ...first, deadline_at: 0 });
    expect(await storedTask(id!)).toMatchObject({ status: 1, attemptId: first.attempt_id });
  });

  it("completes the task with the result of that one attempt, however late its ack", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, SERIAL);
    const [id] = await createTasks(ws, [SERIAL]);
    const first = await agent.next("run");
    await letTimePass(ws.id, SERIAL, 5_000);
    await fireAlarm(ws.id, SERIAL);
    await agent.next("run");

    ackRun(agent, first);
    await sendResult(agent, first, { ok: true, remark: "posted" });
    expect(await storedTask(id!)).toMatchObject({ status: 2, remark: "posted" });
    expect(new Set(runsOf(agent).map((run) => run.attempt_id))).toEqual(new Set([first.attempt_id]));
  });

  it("is taken back after the resends run out, and only then runs under a new attempt", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, SERIAL);
    const [id] = await createTasks(ws, [SERIAL]);
    const first = await agent.next("run");
    for (let resend = 0; resend < 6; resend++) {
      await letTimePass(ws.id, SERIAL, 5_000);
      await fireAlarm(ws.id, SERIAL);
      expect((await agent.next("run")).attempt_id).toBe(first.attempt_id);
    }
    await letTimePass(ws.id, SERIAL, 5_000);
    await fireAlarm(ws.id, SERIAL);
    const second = await agent.next("run");
    expect(second.attempt_id).not.toBe(first.attempt_id);
    expect(await storedTask(id!)).toMatchObject({ status: 1, attemptId: second.attempt_id });
  });
});

describe("automatic retry", () => {
  it("puts a task that failed retryably before posting back to pending with retry_count 1, and runs it again after the wait", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, SERIAL);
    const [id] = await createTasks(ws, [SERIAL]);
    const first = await agent.next("run");
    ackRun(agent, first);
    await sendResult(agent, first, { ok: false, fail_code: 1001, remark: "device offline", posted: false });

    const task = await ws.call("GET", `/api/v1/task/${id}`);
    expect(task.data).toMatchObject({ status: 0, retry_count: 1, fail_code: 1001, remark: "retry 1 of 3 after: device offline" });
    await roundTrip(agent);
    expect(runsOf(agent)).toHaveLength(1);

    await letTimePass(ws.id, SERIAL, 60_000);
    await fireAlarm(ws.id, SERIAL);
    const again = await agent.next("run");
    expect(again.task_id).toBe(id);
    expect(again.attempt_id).not.toBe(first.attempt_id);
    expect(await storedTask(id!)).toMatchObject({ status: 1, retryCount: 1 });
  });

  it("ends the task failed once the workspace's max_retry_count is used up", async () => {
    const ws = await createTestWorkspace({ maxRetryCount: 1 });
    const agent = await connectAgent(ws.agentToken, SERIAL);
    const [id] = await createTasks(ws, [SERIAL]);
    const offline = { ok: false, fail_code: 1001, remark: "device offline", posted: false };
    const first = await agent.next("run");
    ackRun(agent, first);
    await sendResult(agent, first, offline);
    await letTimePass(ws.id, SERIAL, 60_000);
    await fireAlarm(ws.id, SERIAL);
    const second = await agent.next("run");
    ackRun(agent, second);
    await sendResult(agent, second, offline);

    expect(await storedTask(id!)).toMatchObject({ status: 3, failCode: 1001, retryCount: 1 });
    await letTimePass(ws.id, SERIAL, 60_000);
    await fireAlarm(ws.id, SERIAL);
    await roundTrip(agent);
    expect(runsOf(agent)).toHaveLength(2);
  });

  it("fails a task at once for a class that is not retryable (1005)", async () => {
    const { ws, agent, id, run } = await startAckedRun(SERIAL);
    await sendResult(agent, run, { ok: false, fail_code: 1005, remark: "no Post button", posted: false });

    expect(await storedTask(id)).toMatchObject({ status: 3, failCode: 1005, remark: "no Post button", retryCount: 0 });
    await letTimePass(ws.id, SERIAL, 60_000);
    await fireAlarm(ws.id, SERIAL);
    await roundTrip(agent);
    expect(runsOf(agent)).toHaveLength(1);
  });

  it("fails a task at once for a retryable class when something may have been posted (no double posts)", async () => {
    const { ws, agent, id, run } = await startAckedRun(SERIAL);
    await sendResult(agent, run, { ok: false, fail_code: 1001, remark: "phone went away after Post", posted: true });

    expect(await storedTask(id)).toMatchObject({ status: 3, failCode: 1001, retryCount: 0 });
    await letTimePass(ws.id, SERIAL, 60_000);
    await fireAlarm(ws.id, SERIAL);
    await roundTrip(agent);
    expect(runsOf(agent)).toHaveLength(1);
  });

  it("stores a failure the agent gave no remark for with its class's remark", async () => {
    const { agent, id, run } = await startAckedRun(SERIAL);
    await sendResult(agent, run, { ok: false, fail_code: 1003 });

    expect(await storedTask(id)).toMatchObject({ status: 3, failCode: 1003, remark: "app not installed" });
  });
});

describe("the run deadline", () => {
  it("fails a running task whose deadline passed with 1008 and tells the agent to stop", async () => {
    const { ws, agent, id, run } = await startAckedRun(SERIAL);
    await roundTrip(agent);

    await letTimePass(ws.id, SERIAL, 2 * 3_600_000);
    await fireAlarm(ws.id, SERIAL);
    const stop = await agent.next("stop");
    expect(stop).toEqual({ type: "stop", task_id: id, attempt_id: run.attempt_id });
    expect(await storedTask(id)).toMatchObject({ status: 3, failCode: 1008 });
  });

  it("does not time out a running task before its deadline", async () => {
    const { ws, agent, id, run } = await startAckedRun(SERIAL);
    await roundTrip(agent);
    expect(Date.now() + 9 * 60_000).toBeLessThan(run.deadline_at);

    await letTimePass(ws.id, SERIAL, 9 * 60_000);
    await fireAlarm(ws.id, SERIAL);
    await roundTrip(agent);
    expect(stopsOf(agent)).toEqual([]);
    expect(await storedTask(id)).toMatchObject({ status: 1, attemptId: run.attempt_id });
  });
});
