import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  connectAgent,
  disconnect,
  eventually,
  fireAlarm,
  letSocketTimePass,
  letTimePass,
  phone,
  phoneQueue,
  roundTrip,
  sendResult,
  silenceAgents,
  startAckedRun,
} from "../test/agent-fixture";
import { countD1Writes } from "../test/d1-writes";
import { createTasks, storedTask } from "../test/task-fixture";
import { createTestWorkspace, type TestWorkspace } from "../test/workspace-fixture";

const SERIAL = "phone-presence";

async function device(ws: TestWorkspace, serial = SERIAL) {
  const answer = await ws.call("GET", "/api/v1/devices");
  expect(answer.code).toBe(0);
  return (answer.data.devices as { serial: string }[]).find((d) => d.serial === serial) as Record<string, unknown> | undefined;
}

describe("presence of a phone", () => {
  it("shows the phone online after hello, with its model, agent and versions", async () => {
    const ws = await createTestWorkspace();
    expect(await device(ws)).toBeUndefined();
    await connectAgent(ws.agentToken, SERIAL, "agent-studio-1");

    expect(await device(ws)).toMatchObject({
      serial: SERIAL,
      online: true,
      model: "Pixel 7",
      android_version: "14",
      agent: "agent-studio-1",
      agent_version: "0.1.0",
      busy: false,
      current_task_id: null,
    });
  });

  it("shows the phone offline once its agent has closed the connection", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, SERIAL);
    agent.close();
    await eventually(async () => expect(await device(ws)).toMatchObject({ online: false }));
  });

  it("a hundred phones heartbeating for a minute write nothing to D1, and stay online", async () => {
    const ws = await createTestWorkspace();
    const serials = Array.from({ length: 100 }, (_, i) => `phone-beat-${String(i).padStart(3, "0")}`);
    const agents = await Promise.all(serials.map((serial) => connectAgent(ws.agentToken, serial, "agent-beats")));
    const writes = await countD1Writes();
    const before = await writes();
    // A minute of them: six heartbeats each, 10 s apart as the agent sends them (the sockets'
    // clocks moved back 10 s before each), with the objects' alarms waking between (each
    // finds its link fresh and only moves on).
    for (let beat = 0; beat < 6; beat++) {
      await Promise.all(serials.map((serial) => letSocketTimePass(ws.id, serial, 10_000)));
      for (const agent of agents) agent.send({ type: "heartbeat" });
      await Promise.all(agents.map((agent) => roundTrip(agent)));
      if (beat % 3 === 2) await Promise.all(serials.map((serial) => fireAlarm(ws.id, serial)));
    }
    expect(await writes()).toBe(before);
    const listed = await ws.call("GET", "/api/v1/devices?online=1&page_size=100");
    expect(listed.data.total).toBe(100);
    for (const agent of agents) agent.close();
  }, 60_000);

  it("a link gone silent is found by the phone's alarm: closed with 4408, offline since its last frame, its running task waiting for the agent", async () => {
    const { ws, agent, id } = await startAckedRun(SERIAL);
    const lastFrame = Date.now() - 31_000;
    await silenceAgents(ws.id, SERIAL, lastFrame);
    expect(await fireAlarm(ws.id, SERIAL)).toBe(true);
    expect((await agent.closed).code).toBe(4408);
    expect(await device(ws)).toMatchObject({ online: false, last_seen: new Date(lastFrame).toISOString() });
    expect((await ws.call("GET", "/api/v1/devices?online=0")).data.total).toBe(1);
    // Orphaned, not failed: the agent has the grace to come back with the result.
    expect((await phoneQueue(ws.id, SERIAL)).rows).toEqual([expect.objectContaining({ task_id: id, state: "orphaned" })]);
    expect((await storedTask(id))?.status).toBe(1);
    // Several round trips and a close handshake: on a loaded 2-core CI machine, more than 5 s.
  }, 30_000);

  it("a link that sends frames is not taken for silent, however long it has been open", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, SERIAL);
    await silenceAgents(ws.id, SERIAL, Date.now() - 29_000);
    await fireAlarm(ws.id, SERIAL);
    agent.send({ type: "heartbeat" });
    await roundTrip(agent);
    await fireAlarm(ws.id, SERIAL);
    expect(await device(ws)).toMatchObject({ online: true });
    // The alarm stays armed for the next look, a silence window after the last frame.
    const alarm = await runInDurableObject(phone(ws.id, SERIAL), (_instance, state) => state.storage.getAlarm());
    expect(alarm).toBeGreaterThan(Date.now() + 20_000);
  });

  it("shows the phone busy with its current task while the task runs, and free after the result", async () => {
    const { ws, agent, id, run } = await startAckedRun(SERIAL);
    expect(await device(ws)).toMatchObject({ busy: true, current_task_id: id });

    await sendResult(agent, run);
    expect(await device(ws)).toMatchObject({ busy: false, current_task_id: null });
  });

  it("does not show the phone busy with a running task that was deleted, once the agent's result is in", async () => {
    const { ws, agent, id, run } = await startAckedRun(SERIAL);
    await ws.call("DELETE", `/api/v1/task/${id}`);
    await agent.next("stop");
    await sendResult(agent, run, { ok: false, fail_code: 1007, remark: "stopped" });

    expect(await device(ws)).toMatchObject({ busy: false, current_task_id: null });
  });

  it("does not show an offline phone busy with a task that went back to pending", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, SERIAL);
    const [id] = await createTasks(ws, [SERIAL]);
    await agent.next("run");
    await disconnect(agent, ws.id, SERIAL);
    await letTimePass(ws.id, SERIAL, 60_000);
    await fireAlarm(ws.id, SERIAL);
    expect((await storedTask(id!))?.status).toBe(0);

    expect(await device(ws)).toMatchObject({ online: false, busy: false, current_task_id: null });
  });

  it("shows the phone busy with the task it runs after a reconnect", async () => {
    const { ws, agent, id, run } = await startAckedRun(SERIAL);
    await roundTrip(agent);
    await disconnect(agent, ws.id, SERIAL);
    await connectAgent(ws.agentToken, SERIAL, "agent-test", { running: [run] });

    expect(await device(ws)).toMatchObject({ online: true, busy: true, current_task_id: id });
  });
});
