import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  agePresenceWrites,
  connectAgent,
  disconnect,
  eventually,
  fireAlarm,
  letTimePass,
  roundTrip,
  sendResult,
  startAckedRun,
} from "../test/agent-fixture";
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

  it("refreshes last_seen when a heartbeat comes after a quiet spell", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, SERIAL);
    const longAgo = Date.now() - 120_000;
    await env.DB.prepare("UPDATE devices SET last_seen_at = ? WHERE workspace_id = ? AND serial = ?").bind(longAgo, ws.id, SERIAL).run();
    expect(await device(ws)).toMatchObject({ online: false });

    await agePresenceWrites(ws.id, SERIAL);
    agent.send({ type: "heartbeat" });
    await eventually(async () => expect(await device(ws)).toMatchObject({ online: true }));
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
