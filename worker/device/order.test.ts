import { describe, expect, it } from "vitest";
import {
  ackRun,
  connectAgent,
  fireAlarm,
  letTimePass,
  roundTrip,
  runsOf,
  sendResult,
  type TestAgent,
} from "../test/agent-fixture";
import { createTasks, storedTask } from "../test/task-fixture";
import { createTestWorkspace } from "../test/workspace-fixture";

const SERIAL = "phone-order";
const HOUR = 3_600_000;
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

/** Runs each task the phone is sent to completion; answers the task ids in the order they came. */
async function runAll(agent: TestAgent, count: number): Promise<number[]> {
  const order: number[] = [];
  for (let i = 0; i < count; i++) {
    const run = await agent.next("run");
    order.push(run.task_id);
    ackRun(agent, run);
    await sendResult(agent, run, { ok: true, remark: `done ${i}` });
  }
  return order;
}

describe("order of a phone's tasks", () => {
  it("runs tasks one at a time in order of start time, whatever order they were created in", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, SERIAL);
    const [third] = await createTasks(ws, [SERIAL], { start_time: inHours(3) });
    const [first] = await createTasks(ws, [SERIAL], { start_time: inHours(1) });
    const [second] = await createTasks(ws, [SERIAL], { start_time: inHours(2) });

    await letTimePass(ws.id, SERIAL, 3 * HOUR);
    await fireAlarm(ws.id, SERIAL);

    expect(await runAll(agent, 3)).toEqual([first, second, third]);
    for (const id of [first, second, third]) expect((await storedTask(id!))?.status).toBe(2);
    await roundTrip(agent);
    expect(runsOf(agent)).toHaveLength(3);
  });

  it("runs tasks with the same start time in order of id", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, SERIAL);
    const at = inHours(1);
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push(...(await createTasks(ws, [SERIAL], { start_time: at })));
    // An earlier start time beats a lower id.
    const [earlier] = await createTasks(ws, [SERIAL], { start_time: new Date(Date.parse(at) - 60_000).toISOString() });

    await letTimePass(ws.id, SERIAL, HOUR);
    await fireAlarm(ws.id, SERIAL);

    expect(await runAll(agent, 4)).toEqual([earlier, ...ids]);
  });

  it("does not send a second task while the first is running, and sends it once the first has a result", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, SERIAL);
    const [one, two] = [...(await createTasks(ws, [SERIAL])), ...(await createTasks(ws, [SERIAL]))];
    const run = await agent.next("run");
    expect(run.task_id).toBe(one);
    ackRun(agent, run);

    await letTimePass(ws.id, SERIAL, 60_000);
    await fireAlarm(ws.id, SERIAL);
    await roundTrip(agent);
    expect(runsOf(agent).map((r) => r.task_id)).toEqual([one]);
    expect((await storedTask(two!))?.status).toBe(0);

    await sendResult(agent, run);
    const next = await agent.next("run");
    expect(next.task_id).toBe(two);
    expect((await storedTask(two!))?.status).toBe(1);
  });
});

describe("start times and intervals", () => {
  it("does not send a task by an alarm before its start time, and sends it once the time has come", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, SERIAL);
    const [id] = await createTasks(ws, [SERIAL], { start_time: inHours(1) });

    expect(await fireAlarm(ws.id, SERIAL)).toBe(true);
    await letTimePass(ws.id, SERIAL, HOUR - 60_000);
    await fireAlarm(ws.id, SERIAL);
    await roundTrip(agent);
    expect(runsOf(agent)).toEqual([]);
    expect((await storedTask(id!))?.status).toBe(0);

    await letTimePass(ws.id, SERIAL, 60_000);
    await fireAlarm(ws.id, SERIAL);
    expect((await agent.next("run")).task_id).toBe(id);
  });

  it("delays a task by its min/max interval before sending it", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, SERIAL);
    // min = max = 2 minutes: the delay is exactly 120 s.
    const [id] = await createTasks(ws, [SERIAL], { min_interval: 2, max_interval: 2 });
    await roundTrip(agent);
    expect(runsOf(agent)).toEqual([]);

    await letTimePass(ws.id, SERIAL, 110_000);
    await fireAlarm(ws.id, SERIAL);
    await roundTrip(agent);
    expect(runsOf(agent)).toEqual([]);

    await letTimePass(ws.id, SERIAL, 10_000);
    await fireAlarm(ws.id, SERIAL);
    expect((await agent.next("run")).task_id).toBe(id);
  });

  it("keeps tasks created for a phone with no agent until it connects, then runs them in order", async () => {
    const ws = await createTestWorkspace();
    const [later] = await createTasks(ws, [SERIAL], { start_time: inHours(2) });
    const [sooner] = await createTasks(ws, [SERIAL], { start_time: inHours(1) });
    const agent = await connectAgent(ws.agentToken, SERIAL);
    await roundTrip(agent);
    expect(runsOf(agent)).toEqual([]);

    await letTimePass(ws.id, SERIAL, 2 * HOUR);
    await fireAlarm(ws.id, SERIAL);
    expect(await runAll(agent, 2)).toEqual([sooner, later]);
  });
});
