import { describe, expect, it } from "vitest";
import type { PhoneHealth } from "../../../shared/protocol/messages";
import { ackRun, connectAgent, eventually } from "../../test/agent-fixture";
import { createTasks } from "../../test/task-fixture";
import { addCredential, callApi, createTestWorkspace, type TestWorkspace } from "../../test/workspace-fixture";

const phonesOf = (token: string, agentId: string) => callApi("GET", `/api/v1/agent/phones?agent_id=${encodeURIComponent(agentId)}`, undefined, { authorization: `Bearer ${token}` });
const report = (token: string, agentId: string, phones: { serial: string; state: string }[]) =>
  callApi("PUT", "/api/v1/agent/phones", { agent_id: agentId, phones }, { authorization: `Bearer ${token}` });
const serialsOf = (answer: { data: { phones: { serial: string }[] } }) => answer.data.phones.map((p) => p.serial);

function hot(): PhoneHealth {
  return { battery_level: 80, charging: true, battery_temperature_c: 47.2, screen_on: true, storage_free_bytes: 12_000_000_000, apps: [] };
}

async function stepOf(ws: TestWorkspace, agentId: string, serial: string): Promise<unknown> {
  const answer = await phonesOf(ws.agentToken, agentId);
  return (answer.data.phones as { serial: string; current_task: { step: unknown } | null }[]).find((p) => p.serial === serial)?.current_task?.step;
}

describe("GET /api/v1/agent/phones: the PC's phones as the server sees them", () => {
  it("shows a phone running a task with its id, script and step, an idle one without, and a hot one as not ready", async () => {
    const ws = await createTestWorkspace();
    const busy = await connectAgent(ws.agentToken, "busy-1", "pc-a");
    await connectAgent(ws.agentToken, "idle-1", "pc-a");
    await connectAgent(ws.agentToken, "hot-1", "pc-a", { health: hot() });
    const [task] = await createTasks(ws, ["busy-1"]);
    const run = await busy.next("run");
    ackRun(busy, run);
    busy.send({ type: "progress", task_id: run.task_id, attempt_id: run.attempt_id, step: "upload" });
    await eventually(async () => expect(await stepOf(ws, "pc-a", "busy-1")).toBe("upload"));

    const answer = await phonesOf(ws.agentToken, "pc-a");
    expect(answer.code, answer.message).toBe(0);
    expect(answer.data).toEqual({
      agent_id: "pc-a",
      truncated: false,
      phones: [
        { serial: "busy-1", adb_state: "device", online: true, ready: true, not_ready_reason: null, last_seen: expect.any(String), model: "Pixel 7", android_version: "14", current_task: { id: task, script_name: "post", step: "upload" } },
        { serial: "hot-1", adb_state: "device", online: true, ready: false, not_ready_reason: expect.stringContaining("47.2 °C"), last_seen: expect.any(String), model: "Pixel 7", android_version: "14", current_task: null },
        { serial: "idle-1", adb_state: "device", online: true, ready: true, not_ready_reason: null, last_seen: expect.any(String), model: "Pixel 7", android_version: "14", current_task: null },
      ],
    });
  });

  it("never shows another workspace's phones, even under the same agent id", async () => {
    const mine = await createTestWorkspace();
    const theirs = await createTestWorkspace();
    await connectAgent(mine.agentToken, "mine-1", "pc-a");
    await connectAgent(theirs.agentToken, "theirs-1", "pc-a");
    await report(theirs.agentToken, "pc-a", [{ serial: "theirs-1", state: "device" }, { serial: "theirs-2", state: "unauthorized" }]);
    expect(serialsOf(await phonesOf(mine.agentToken, "pc-a"))).toEqual(["mine-1"]);
    expect(serialsOf(await phonesOf(theirs.agentToken, "pc-a"))).toEqual(["theirs-1", "theirs-2"]);
  });

  it("shows the phones this PC linked or listed, whichever of the workspace's tokens it used, and not another PC's", async () => {
    const ws = await createTestWorkspace();
    const repaired = await addCredential(ws.id, "agent_token");
    const otherPc = await addCredential(ws.id, "agent_token");
    await connectAgent(ws.agentToken, "linked-1", "pc-a");
    const linked = { serial: "linked-1", state: "device" };
    await report(repaired, "pc-a", [linked, { serial: "locked-1", state: "unauthorized" }, { serial: "old-1", state: "device" }]);
    await report(repaired, "pc-a", [linked, { serial: "locked-1", state: "unauthorized" }]);
    await connectAgent(otherPc, "rack-b-1", "pc-b");
    await report(otherPc, "pc-b", [{ serial: "rack-b-1", state: "device" }, { serial: "rack-b-2", state: "offline" }]);

    const answer = await phonesOf(ws.agentToken, "pc-a");
    // Gone after the phones listed now; a phone listed but never linked has no last_seen.
    expect(answer.data.phones.map((p: Record<string, unknown>) => [p.serial, p.adb_state, p.online, p.last_seen === null])).toEqual([
      ["linked-1", "device", true, false],
      ["locked-1", "unauthorized", false, true],
      ["old-1", "gone", false, true],
    ]);
    expect(serialsOf(await phonesOf(otherPc, "pc-b"))).toEqual(["rack-b-1", "rack-b-2"]);
  });

  it("refuses an API key, and a request that names no agent", async () => {
    const ws = await createTestWorkspace();
    const withKey = await ws.call("GET", "/api/v1/agent/phones?agent_id=pc-a");
    expect({ status: withKey.status, code: withKey.code, data: withKey.data }).toEqual({ status: 401, code: 40101, data: null });
    const unnamed = await callApi("GET", "/api/v1/agent/phones", undefined, { authorization: `Bearer ${ws.agentToken}` });
    expect(unnamed.code).toBe(40001);
    expect(unnamed.message).toContain("agent_id");
  });
});
