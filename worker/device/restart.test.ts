import { abortAllDurableObjects } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ackRun, connectAgent, disconnect, fireAlarm, letTimePass, phoneQueue, roundTrip, runsOf, sendResult } from "../test/agent-fixture";
import { storedTask } from "../test/task-fixture";
import { createTestWorkspace } from "../test/workspace-fixture";

/** A post config the create accepts: one video on the agent's PC. */
const CLIP = { material_list: ["clip.mp4"] };

const SERIAL = "phone-restart";

describe("a restarted runtime", () => {
  it("keeps a phone's scheduled tasks and runs them at their time", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, SERIAL);
    const at = new Date(Date.now() + 600_000).toISOString();
    const created = await ws.call("POST", "/api/v1/task", { serials: [SERIAL], start_time: at, script_name: "post", script_config: CLIP });
    const id = created.data.task_ids[0] as number;
    await roundTrip(agent);
    expect(runsOf(agent)).toEqual([]);

    // Every object loses its memory and its sockets, as when the runtime restarts.
    await abortAllDurableObjects();
    expect((await phoneQueue(ws.id, SERIAL)).rows.map((r) => r.task_id)).toEqual([id]);

    const back = await connectAgent(ws.agentToken, SERIAL);
    await letTimePass(ws.id, SERIAL, 600_000);
    await fireAlarm(ws.id, SERIAL);
    expect((await back.next("run")).task_id).toBe(id);
  });

  it("keeps a run in progress and stores its result when the agent comes back", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, SERIAL);
    const created = await ws.call("POST", "/api/v1/task", { serials: [SERIAL], script_name: "post", script_config: CLIP });
    const id = created.data.task_ids[0] as number;
    const run = await agent.next("run");
    ackRun(agent, run);
    await roundTrip(agent);

    await abortAllDurableObjects();
    await disconnect(agent, ws.id, SERIAL).catch(() => undefined);
    const back = await connectAgent(ws.agentToken, SERIAL);
    await sendResult(back, run, { ok: true, remark: "posted" });
    expect(await storedTask(id)).toMatchObject({ status: 2, remark: "posted" });
  });
});
