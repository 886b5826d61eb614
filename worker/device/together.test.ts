import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { connectAgent, eventually, fireAlarm, letTimePass, phone, phoneQueue, resultAcksOf } from "../test/agent-fixture";
import { createTasks, storedTask } from "../test/task-fixture";
import { createTestWorkspace } from "../test/workspace-fixture";

// Events that reach a phone's object at once (an ack and a result on the socket, an alarm, a
// stop from the API) are handled one at a time: none may start while another waits on D1,
// or one reads the task half changed by the other. Whatever the order, an acknowledged result
// ends its task, and nothing is left running or pending with nobody to run it.

const SERIAL = "phone-together";

describe("events that arrive together", () => {
  it("leave every task ended once, the phone free and its queue empty", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, SERIAL);
    const ids = await createTasks(ws, [SERIAL, SERIAL, SERIAL, SERIAL, SERIAL, SERIAL]);
    const stub = phone(ws.id, SERIAL);
    for (const [round, id] of ids.entries()) {
      // A run sent again (its ack came after the alarm) is the same attempt: skip it.
      let run = await agent.next("run");
      while (run.task_id !== id) run = await agent.next("run");
      const ref = { task_id: run.task_id, attempt_id: run.attempt_id };
      // The ack is late (its deadline has passed), and the alarm, the result and a stop all
      // come in the same moment; half the rounds stop the task, half let it finish.
      await letTimePass(ws.id, SERIAL, 6_000);
      agent.send({ type: "ack", ...ref });
      agent.send({ type: "result", ...ref, ok: true, remark: `round ${round}` });
      await Promise.all([fireAlarm(ws.id, SERIAL), round % 2 === 0 ? stub.stop({ workspaceId: ws.id, serial: SERIAL }, run.task_id) : Promise.resolve()]);
      await eventually(() => expect(resultAcksOf(agent, ref)).not.toHaveLength(0));
    }
    for (const id of ids) expect((await storedTask(id!))?.status).toBeOneOf([2, 3]);
    await eventually(async () => expect((await phoneQueue(ws.id, SERIAL)).rows).toEqual([]));
    const device = await env.DB.prepare("SELECT current_task_id AS current FROM devices WHERE workspace_id = ? AND serial = ?").bind(ws.id, SERIAL).first<{ current: number | null }>();
    expect(device?.current).toBeNull();
    // One attempt per task ever reached the phone: nothing could run twice.
    const attempts = new Map<number, Set<string>>();
    for (const message of agent.received) {
      if (message.type === "run") attempts.set(message.task_id, (attempts.get(message.task_id) ?? new Set()).add(message.attempt_id));
    }
    expect([...attempts.values()].map((set) => set.size)).toEqual(ids.map(() => 1));
    expect((await ws.call("GET", "/api/v1/task/stats")).data).toMatchObject({ total: ids.length, pending: 0, running: 0 });
  });
});
