import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { mp4 } from "../routes/materials/test-files";
import {
  ackRun,
  connectAgent,
  disconnect,
  fireAlarm,
  letTimePass,
  roundTrip,
  type RunOf,
  runsOf,
  sendResult,
  stopsOf,
  type TestAgent,
} from "../test/agent-fixture";
import { createTasks, running, setTaskState, storedTask } from "../test/task-fixture";
import { createTestWorkspace, type TestWorkspace } from "../test/workspace-fixture";

const SERIAL = "phone-stop";

/** A workspace whose phone's agent has acked the run of one task. */
async function acknowledgedRun(): Promise<{ ws: TestWorkspace; agent: TestAgent; id: number; run: RunOf }> {
  const ws = await createTestWorkspace();
  const agent = await connectAgent(ws.agentToken, SERIAL);
  const [id] = await createTasks(ws, [SERIAL]);
  const run = await agent.next("run");
  ackRun(agent, run);
  await roundTrip(agent);
  return { ws, agent, id: id!, run };
}

describe("stop of a running task", () => {
  it("tells the connected agent to stop and keeps the task running until the agent's result", async () => {
    const { ws, agent, id, run } = await acknowledgedRun();
    const answer = await ws.call("POST", `/api/v1/task/${id}/stop`);
    expect(answer.code).toBe(0);
    expect(answer.data.status).toBe(1);
    expect(await agent.next("stop")).toEqual({ type: "stop", task_id: id, attempt_id: run.attempt_id });
    await roundTrip(agent);
    expect((await storedTask(id))?.status).toBe(1);
  });

  it("ends the task failed with remark \"stopped\" and 1007 when the agent's stop result arrives", async () => {
    const { ws, agent, id, run } = await acknowledgedRun();
    await ws.call("POST", `/api/v1/task/${id}/stop`);
    await agent.next("stop");
    await sendResult(agent, run, { ok: false, fail_code: 1007 });

    const task = await ws.call("GET", `/api/v1/task/${id}`);
    expect(task.data).toMatchObject({ status: 3, fail_code: 1007, remark: "stopped" });
  });

  it("does not retry a stopped task even when the agent reports a retryable failure", async () => {
    const { ws, agent, id, run } = await acknowledgedRun();
    await ws.call("POST", `/api/v1/task/${id}/stop`);
    await agent.next("stop");
    await sendResult(agent, run, { ok: false, fail_code: 1002, remark: "adb lost while aborting", posted: false });

    expect(await storedTask(id)).toMatchObject({ status: 3 });
    await letTimePass(ws.id, SERIAL, 60_000);
    await fireAlarm(ws.id, SERIAL);
    await roundTrip(agent);
    expect(runsOf(agent)).toHaveLength(1);
  });

  it("ends the task at once when its agent has disconnected", async () => {
    const { ws, agent, id } = await acknowledgedRun();
    await disconnect(agent, ws.id, SERIAL);

    const answer = await ws.call("POST", `/api/v1/task/${id}/stop`);
    expect(answer.data).toMatchObject({ status: 3, fail_code: 1007, remark: "stopped" });
  });

  it("ends at once a task that D1 holds as running but its phone never ran, and gives back the library pick it held", async () => {
    const ws = await createTestWorkspace();
    const [id] = await createTasks(ws, ["phone-never-seen"]);
    await setTaskState(id!, running);
    const uploaded = await ws.call("POST", "/api/v1/materials", mp4(512, 3), { "content-type": "video/mp4" });
    await env.DB.prepare("UPDATE materials SET claimed_by_task_id = ?, claimed_at = ? WHERE id = ?").bind(id, Date.now(), uploaded.data.id).run();

    const answer = await ws.call("POST", `/api/v1/task/${id}/stop`);
    expect(answer.data).toMatchObject({ status: 3, fail_code: 1007, remark: "stopped" });
    expect((await ws.call("GET", `/api/v1/materials/${uploaded.data.id}`)).data).toMatchObject({ used: 0, claimed_by_task_id: null });
  });

  it("ends the task failed 1007 when the agent stays silent past the stop grace", async () => {
    const { ws, agent, id } = await acknowledgedRun();
    await ws.call("POST", `/api/v1/task/${id}/stop`);
    await agent.next("stop");

    await letTimePass(ws.id, SERIAL, 14_000);
    await fireAlarm(ws.id, SERIAL);
    expect((await storedTask(id))?.status).toBe(1);

    await letTimePass(ws.id, SERIAL, 1_000);
    await fireAlarm(ws.id, SERIAL);
    expect(await storedTask(id)).toMatchObject({ status: 3, failCode: 1007, remark: "stopped" });
  });
});

describe("stop around a lost connection", () => {
  it("tells an agent that reconnected within the grace to stop its run", async () => {
    const { ws, agent, id, run } = await acknowledgedRun();
    await disconnect(agent, ws.id, SERIAL);
    const back = await connectAgent(ws.agentToken, SERIAL, "agent-test", { running: [run] });

    await ws.call("POST", `/api/v1/task/${id}/stop`);
    await roundTrip(back);
    expect(stopsOf(back)).toEqual([{ type: "stop", task_id: id, attempt_id: run.attempt_id }]);
  });

  it("ends a stopped task as stopped (1007), not agent lost, when its agent disconnects before confirming", async () => {
    const { ws, agent, id } = await acknowledgedRun();
    await ws.call("POST", `/api/v1/task/${id}/stop`);
    await agent.next("stop");
    await disconnect(agent, ws.id, SERIAL);

    await letTimePass(ws.id, SERIAL, 60_000);
    await fireAlarm(ws.id, SERIAL);
    expect(await storedTask(id)).toMatchObject({ status: 3, failCode: 1007, remark: "stopped" });
  });
});

describe("delete of a running task", () => {
  it("tells the agent to stop and removes the task from the API", async () => {
    const { ws, agent, id, run } = await acknowledgedRun();
    const answer = await ws.call("DELETE", `/api/v1/task/${id}`);
    expect(answer.data).toMatchObject({ deleted_count: 1, task_ids: [id] });
    expect(await agent.next("stop")).toEqual({ type: "stop", task_id: id, attempt_id: run.attempt_id });
    expect((await ws.call("GET", `/api/v1/task/${id}`)).code).toBe(40401);
  });

  it("acks the deleted task's late result, changes nothing, and runs the phone's next task", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, SERIAL);
    const [doomed] = await createTasks(ws, [SERIAL]);
    const [next] = await createTasks(ws, [SERIAL]);
    const run = await agent.next("run");
    expect(run.task_id).toBe(doomed);
    ackRun(agent, run);
    await ws.call("DELETE", `/api/v1/task/${doomed}`);
    await agent.next("stop");

    await sendResult(agent, run, { ok: false, fail_code: 1007, remark: "stopped" });
    expect(await storedTask(doomed!)).toBeUndefined();
    expect((await ws.call("GET", `/api/v1/task/${doomed}`)).code).toBe(40401);
    expect((await agent.next("run")).task_id).toBe(next);
    expect((await ws.call("GET", "/api/v1/task/stats")).data).toMatchObject({ total: 1, running: 1 });
  });

  it("deletes a running task whose agent stays silent, and the phone runs its next task after the stop grace", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, SERIAL);
    const [doomed] = await createTasks(ws, [SERIAL]);
    const [next] = await createTasks(ws, [SERIAL]);
    const run = await agent.next("run");
    ackRun(agent, run);
    await ws.call("DELETE", `/api/v1/task/${doomed}`);
    await agent.next("stop");

    await letTimePass(ws.id, SERIAL, 15_000);
    await fireAlarm(ws.id, SERIAL);
    expect((await agent.next("run")).task_id).toBe(next);
  });
});
