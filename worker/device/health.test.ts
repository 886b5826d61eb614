import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { PhoneHealth } from "../../shared/protocol/messages";
import { ackRun, connectAgent, eventually, expectNoMessage, fireAlarm, phone, roundTrip } from "../test/agent-fixture";
import { callApi, createTestWorkspace, type TestWorkspace } from "../test/workspace-fixture";

const post = { script_name: "post", script_config: { captions: "hi", material_list: ["clip.mp4"] } };

function health(fields: Partial<PhoneHealth> = {}): PhoneHealth {
  return { battery_level: 80, charging: true, battery_temperature_c: 31.5, screen_on: true, storage_free_bytes: 12_000_000_000, apps: [{ package: "com.zhiliaoapp.musically", version: "34.1.2" }], ...fields };
}

async function deviceOf(ws: TestWorkspace, serial: string) {
  const answer = await ws.call("GET", "/api/v1/devices?page_size=100");
  expect(answer.code, answer.message).toBe(0);
  return (answer.data.devices as Record<string, unknown>[]).find((d) => d.serial === serial);
}

const healthWrittenAt = async (ws: TestWorkspace, serial: string) =>
  (await env.DB.prepare("select health_at from devices where workspace_id = ? and serial = ?").bind(ws.id, serial).first<{ health_at: number | null }>())?.health_at;

/** Moves the phone's last health report into the past, as if the agent had gone quiet. */
async function ageHealthReport(ws: TestWorkspace, serial: string, ms: number) {
  await runInDurableObject(phone(ws.id, serial), (_instance, state) => {
    state.storage.sql.exec(`UPDATE meta SET value = CAST(value AS INTEGER) - ? WHERE key IN ('health_reported_at', 'health_written_at')`, ms);
  });
}

describe("a phone's health", () => {
  it("a phone that connects too hot is given no task and says why; once it reports cooler the task goes out", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, "hot-1", "agent-test", { health: health({ battery_temperature_c: 47.2 }) });
    await ws.call("POST", "/api/v1/task", { serials: ["hot-1"], ...post });
    await roundTrip(agent);
    expectNoMessage(agent, "run");
    expect(await deviceOf(ws, "hot-1")).toMatchObject({
      online: true,
      ready: false,
      adb_state: "device",
      not_ready_reason: "the battery is at 47.2 °C, above the workspace's 45 °C: no new task until it cools down",
      health: { battery_level: 80, charging: true, battery_temperature_c: 47.2, apps: [{ package: "com.zhiliaoapp.musically", version: "34.1.2" }] },
    });
    await fireAlarm(ws.id, "hot-1");
    expectNoMessage(agent, "run");
    agent.send({ type: "health", ...health({ battery_temperature_c: 38 }) });
    const run = await agent.next("run");
    expect(run.script).toBe("post");
    expect(await deviceOf(ws, "hot-1")).toMatchObject({ ready: true, not_ready_reason: null });
  });

  it("a phone below the workspace's battery level waits, charging or not; the level is a workspace setting", async () => {
    const ws = await createTestWorkspace();
    expect((await ws.call("PATCH", "/api/v1/workspace", { min_battery_level: 30 })).data).toMatchObject({ min_battery_level: 30, max_battery_temperature_c: 45 });
    const agent = await connectAgent(ws.agentToken, "low-1", "agent-test", { health: health({ battery_level: 22, charging: true }) });
    await ws.call("POST", "/api/v1/task", { serials: ["low-1"], ...post });
    await roundTrip(agent);
    expectNoMessage(agent, "run");
    expect((await deviceOf(ws, "low-1"))?.not_ready_reason).toBe("the battery is at 22 % (charging), below the workspace's 30 %: no new task until it is charged");
    agent.send({ type: "health", ...health({ battery_level: 31 }) });
    await agent.next("run");
    const refused = await ws.call("PATCH", "/api/v1/workspace", { max_battery_temperature_c: 90 });
    expect(refused.code).toBe(40001);
    expect(refused.message).toContain("max_battery_temperature_c");
  });

  it("a task already running is not stopped when the phone turns hot; the next one waits", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, "warm-1", "agent-test", { health: health() });
    await ws.call("POST", "/api/v1/task", { serials: ["warm-1", "warm-1"], ...post });
    const run = await agent.next("run");
    ackRun(agent, run);
    agent.send({ type: "health", ...health({ battery_temperature_c: 50 }) });
    await roundTrip(agent);
    expect(agent.received.filter((m) => m.type === "stop")).toEqual([]);
    agent.send({ type: "result", task_id: run.task_id, attempt_id: run.attempt_id, ok: true });
    await agent.next("result_ack");
    await roundTrip(agent);
    expect(agent.received.filter((m) => m.type === "run")).toHaveLength(1);
  });

  it("writes D1 when the verdict or the apps change, else every five minutes: a steady rack costs no write per report", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, "steady-1", "agent-test", { health: health() });
    const first = await healthWrittenAt(ws, "steady-1");
    expect(first).toEqual(expect.any(Number));
    for (let i = 0; i < 5; i++) agent.send({ type: "health", ...health({ battery_level: 80 - i }) });
    await roundTrip(agent);
    expect(await healthWrittenAt(ws, "steady-1")).toBe(first);
    agent.send({ type: "health", ...health({ apps: [{ package: "com.zhiliaoapp.musically", version: "35.0.0" }] }) });
    await eventually(async () => expect(await healthWrittenAt(ws, "steady-1")).not.toBe(first));
    const second = await healthWrittenAt(ws, "steady-1");
    await ageHealthReport(ws, "steady-1", 5 * 60_000);
    agent.send({ type: "health", ...health({ apps: [{ package: "com.zhiliaoapp.musically", version: "35.0.0" }] }) });
    await eventually(async () => expect(await healthWrittenAt(ws, "steady-1")).not.toBe(second));
  });

  it("an agent that reports no health (an older one) is not held back, and a verdict no report renews lapses after ten minutes", async () => {
    const ws = await createTestWorkspace();
    const old = await connectAgent(ws.agentToken, "old-1");
    await ws.call("POST", "/api/v1/task", { serials: ["old-1"], ...post });
    await old.next("run");
    expect(await deviceOf(ws, "old-1")).toMatchObject({ ready: true, health: null, not_ready_reason: null });

    const quiet = await connectAgent(ws.agentToken, "quiet-1", "agent-test", { health: health({ battery_temperature_c: 55 }) });
    await ws.call("POST", "/api/v1/task", { serials: ["quiet-1"], ...post });
    await roundTrip(quiet);
    expectNoMessage(quiet, "run");
    await ageHealthReport(ws, "quiet-1", 10 * 60_000);
    await fireAlarm(ws.id, "quiet-1");
    await quiet.next("run");
  });
});

describe("PUT /api/v1/agent/phones: every phone the agent's adb server lists", () => {
  const listing = (ws: TestWorkspace, agentId: string, phones: { serial: string; state: string }[]) =>
    callApi("PUT", "/api/v1/agent/phones", { agent_id: agentId, phones }, { authorization: `Bearer ${ws.agentToken}` });

  it("lists an unauthorized phone and an offline one in the devices list, and a phone no longer listed as gone", async () => {
    const ws = await createTestWorkspace();
    const answer = await listing(ws, "pc-1", [
      { serial: "ready-1", state: "device" },
      { serial: "locked-1", state: "unauthorized" },
      { serial: "flaky-1", state: "offline" },
    ]);
    expect(answer.code, answer.message).toBe(0);
    expect(await deviceOf(ws, "locked-1")).toMatchObject({ adb_state: "unauthorized", online: false, ready: false, agent: "pc-1" });
    expect(await deviceOf(ws, "flaky-1")).toMatchObject({ adb_state: "offline" });
    await listing(ws, "pc-1", [{ serial: "ready-1", state: "device" }]);
    expect((await deviceOf(ws, "locked-1"))?.adb_state).toBe("gone");
    expect((await deviceOf(ws, "flaky-1"))?.adb_state).toBe("gone");
    expect((await deviceOf(ws, "ready-1"))?.adb_state).toBe("device");
  });

  it("leaves a phone another agent drives now as that agent says, and another workspace's phones alone", async () => {
    const ws = await createTestWorkspace();
    const other = await createTestWorkspace();
    await connectAgent(ws.agentToken, "shared-1", "pc-a", { health: health() });
    await listing(ws, "pc-b", [{ serial: "shared-1", state: "offline" }]);
    expect(await deviceOf(ws, "shared-1")).toMatchObject({ adb_state: "device", agent: "pc-a" });
    await listing(other, "pc-a", []);
    expect((await deviceOf(ws, "shared-1"))?.adb_state).toBe("device");
  });

  it("refuses a list that is not one, naming the field", async () => {
    const ws = await createTestWorkspace();
    const bad = await listing(ws, "pc-1", [{ serial: "x", state: "Device!" }]);
    expect(bad.code).toBe(40001);
    expect(bad.message).toContain("phones");
    const apiKey = await ws.call("PUT", "/api/v1/agent/phones", { agent_id: "pc-1", phones: [] });
    expect(apiKey.code).not.toBe(0);
  });
});
