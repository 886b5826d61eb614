import { describe, expect, it } from "vitest";
import { PROTOCOL_VERSION } from "../../shared/protocol/messages";
import {
  ackRun,
  connectAgent,
  disconnect,
  fireAlarm,
  letTimePass,
  openAgentSocket,
  phoneQueue,
  roundTrip,
  runsOf,
  sendResult,
  startAckedRun,
} from "../test/agent-fixture";
import { createTasks, storedTask } from "../test/task-fixture";
import { createTestWorkspace } from "../test/workspace-fixture";

const SERIAL = "phone-lost";

describe("an agent lost mid-task (after ack)", () => {
  it("completes the task when a new connection within the grace replays the result", async () => {
    const { ws, agent, id, run } = await startAckedRun(SERIAL);
    await roundTrip(agent);
    await disconnect(agent, ws.id, SERIAL);
    expect((await storedTask(id))?.status).toBe(1);

    await letTimePass(ws.id, SERIAL, 30_000);
    await fireAlarm(ws.id, SERIAL);
    const back = await connectAgent(ws.agentToken, SERIAL, "agent-test", { unacked: [run] });
    await sendResult(back, run, { ok: true, remark: "posted while away" });
    expect(await storedTask(id)).toMatchObject({ status: 2, remark: "posted while away" });
    await roundTrip(back);
    expect(runsOf(back)).toEqual([]);
  });

  it("runs nothing else on the phone while the lost run's grace lasts", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, SERIAL);
    const [, next] = [...(await createTasks(ws, [SERIAL])), ...(await createTasks(ws, [SERIAL]))];
    const run = await agent.next("run");
    ackRun(agent, run);
    await roundTrip(agent);
    await disconnect(agent, ws.id, SERIAL);

    const back = await connectAgent(ws.agentToken, SERIAL, "agent-test", { unacked: [run] });
    await roundTrip(back);
    expect(runsOf(back)).toEqual([]);
    await sendResult(back, run, { ok: true, remark: "posted" });
    expect((await back.next("run")).task_id).toBe(next);
  });

  it("does not fail as agent lost a run that a connection within the grace reports on", async () => {
    const { ws, agent, id, run } = await startAckedRun(SERIAL);
    await roundTrip(agent);
    await disconnect(agent, ws.id, SERIAL);
    // Another agent id: its hello cannot speak for the lost one's runs, its reports can.
    const back = await connectAgent(ws.agentToken, SERIAL, "agent-test-2");
    back.send({ type: "progress", task_id: run.task_id, attempt_id: run.attempt_id, step: "uploading" });
    await roundTrip(back);

    // The upload takes a few minutes; the agent is connected throughout.
    await letTimePass(ws.id, SERIAL, 60_000);
    await fireAlarm(ws.id, SERIAL);
    expect((await storedTask(id))?.status).toBe(1);
    await sendResult(back, run, { ok: true, remark: "posted" });
    expect(await storedTask(id)).toMatchObject({ status: 2, remark: "posted" });
  });

  it("keeps a run that the reconnected agent's hello says it is still carrying out", async () => {
    const { ws, agent, id, run } = await startAckedRun(SERIAL);
    await roundTrip(agent);
    await disconnect(agent, ws.id, SERIAL);

    const back = await openAgentSocket(ws.agentToken, SERIAL);
    back.send({
      type: "hello",
      v: PROTOCOL_VERSION,
      agent_id: "agent-test",
      serial: SERIAL,
      agent_version: "0.1.0",
      running: [{ task_id: run.task_id, attempt_id: run.attempt_id }],
    });
    await back.next("welcome");
    await letTimePass(ws.id, SERIAL, 120_000);
    await fireAlarm(ws.id, SERIAL);
    expect((await storedTask(id))?.status).toBe(1);
    await sendResult(back, run, { ok: true, remark: "posted" });
    expect(await storedTask(id)).toMatchObject({ status: 2, remark: "posted" });
  });

  it("ends the run at once with 1009 when the same agent says hello without it (it restarted)", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, SERIAL);
    const [id, next] = [...(await createTasks(ws, [SERIAL])), ...(await createTasks(ws, [SERIAL]))];
    const run = await agent.next("run");
    ackRun(agent, run);
    await roundTrip(agent);
    await disconnect(agent, ws.id, SERIAL);

    const back = await connectAgent(ws.agentToken, SERIAL);
    await roundTrip(back);
    expect(await storedTask(id!)).toMatchObject({ status: 3, failCode: 1009, retryCount: 0, remark: expect.stringMatching(/agent restarted/) });
    expect((await back.next("run")).task_id).toBe(next);
  });

  it("keeps waiting out the grace when another agent says hello (the lost one may come back)", async () => {
    const { ws, agent, id } = await startAckedRun(SERIAL);
    await roundTrip(agent);
    await disconnect(agent, ws.id, SERIAL);
    const other = await connectAgent(ws.agentToken, SERIAL, "agent-elsewhere");
    await roundTrip(other);
    expect((await storedTask(id))?.status).toBe(1);
    expect(runsOf(other)).toEqual([]);
  });

  it("fails the task with 1009 when the grace ends without a result", async () => {
    const { ws, agent, id } = await startAckedRun(SERIAL);
    await roundTrip(agent);
    await disconnect(agent, ws.id, SERIAL);

    await letTimePass(ws.id, SERIAL, 59_000);
    await fireAlarm(ws.id, SERIAL);
    expect((await storedTask(id))?.status).toBe(1);

    await letTimePass(ws.id, SERIAL, 1_000);
    await fireAlarm(ws.id, SERIAL);
    expect(await storedTask(id)).toMatchObject({ status: 3, failCode: 1009, retryCount: 0 });
    expect((await phoneQueue(ws.id, SERIAL)).rows).toEqual([]);
  });

  it("ignores a result replayed after the grace ended", async () => {
    const { ws, agent, id, run } = await startAckedRun(SERIAL);
    await roundTrip(agent);
    await disconnect(agent, ws.id, SERIAL);
    await letTimePass(ws.id, SERIAL, 60_000);
    await fireAlarm(ws.id, SERIAL);
    const failed = await storedTask(id);

    const back = await connectAgent(ws.agentToken, SERIAL);
    await sendResult(back, run, { ok: true, remark: "too late" });
    expect(await storedTask(id)).toEqual(failed);
  });
});

describe("an agent lost before it acked", () => {
  it("sends the task again, with a new attempt, on the next connection's hello", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, SERIAL);
    const [id] = await createTasks(ws, [SERIAL]);
    const run = await agent.next("run");
    await disconnect(agent, ws.id, SERIAL);

    const back = await connectAgent(ws.agentToken, SERIAL);
    const again = await back.next("run");
    expect(again.task_id).toBe(id);
    expect(again.attempt_id).not.toBe(run.attempt_id);
    expect(await storedTask(id!)).toMatchObject({ status: 1, attemptId: again.attempt_id, retryCount: 0 });
  });

  it("puts the task back to pending when its grace ends with no agent, and runs it when one connects", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, SERIAL);
    const [id] = await createTasks(ws, [SERIAL]);
    const run = await agent.next("run");
    await disconnect(agent, ws.id, SERIAL);

    await letTimePass(ws.id, SERIAL, 60_000);
    await fireAlarm(ws.id, SERIAL);
    expect(await storedTask(id!)).toMatchObject({ status: 0, attemptId: null });

    const back = await connectAgent(ws.agentToken, SERIAL);
    const again = await back.next("run");
    expect(again.task_id).toBe(id);
    expect(again.attempt_id).not.toBe(run.attempt_id);
  });
});
