import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ackRun, connectAgent, eventually, phoneQueue, sendResult, type TestAgent } from "../agent-fixture";
import { createTasks, storedTask } from "../task-fixture";
import { createTestWorkspace, type TestWorkspace } from "../workspace-fixture";
import type { RunRef } from "./ws-frames";
import { fuzzAgentSocket, WsTally } from "./ws-runner";

/**
 * Hostile frames on a phone's agent socket (docs/protocol.md "Errors"): every malformed
 * frame closes that socket with 4400 or 4401 and a reason; the phone's object carries on
 * (its orphaned run waits, a well-behaved agent is welcomed and finishes it, the next task
 * runs); another phone, and the same serial in another workspace, never notice. Bounded:
 * 300 frames, 35 s.
 */

const SERIAL = "fz-phone";
const OTHER_SERIAL = "fz-other-phone";

let ws: TestWorkspace;
let ownRun: RunRef;
let other: { agent: TestAgent; run: RunRef; closed: boolean };
let foreign: { ws: TestWorkspace; agent: TestAgent; run: RunRef; closed: boolean };
const tally = new WsTally();
const started = Date.now();

/** A phone with an agent running one acked task. */
async function acked(workspace: TestWorkspace, serial: string, agentId: string) {
  const agent = await connectAgent(workspace.agentToken, serial, agentId);
  await createTasks(workspace, [serial]);
  const run = await agent.next("run");
  ackRun(agent, run);
  const ref = { task_id: run.task_id, attempt_id: run.attempt_id };
  const watched = { agent, run: ref, closed: false };
  void agent.closed.then(() => {
    watched.closed = true;
  });
  return watched;
}

beforeAll(async () => {
  ws = await createTestWorkspace();
  // This phone's run is under way when its agent's socket is lost: it waits, orphaned,
  // through the whole fuzz run for the agent to come back (docs/protocol.md).
  const runner = await acked(ws, SERIAL, "agent-runner");
  ownRun = runner.run;
  runner.agent.send("{");
  await runner.agent.closed;
  await eventually(async () => expect((await phoneQueue(ws.id, SERIAL)).rows[0]?.state).toBe("orphaned"));
  other = await acked(ws, OTHER_SERIAL, "agent-other");
  const foreignWs = await createTestWorkspace();
  foreign = { ws: foreignWs, ...(await acked(foreignWs, SERIAL, "agent-foreign")) };
}, 30_000);

afterAll(() => {
  console.log(tally.summary(Date.now() - started));
  console.log(`fuzz[agent-ws] kinds: ${[...tally.kinds].map(([k, n]) => `${k}=${n}`).join(" ")}`);
});

describe("hostile frames on a phone's agent socket", () => {
  it("close only their socket, with 4400 or 4401 and a reason, and change nothing in D1 but presence", async () => {
    const ctx = { serial: SERIAL, otherSerial: OTHER_SERIAL, ownRun, foreignRun: foreign.run };
    await fuzzAgentSocket({ ctx, agentToken: ws.agentToken, cases: 300, budgetMs: 35_000, healthEvery: 25 }, tally);
    expect(tally.failures.slice(0, 20)).toEqual([]);
    expect(tally.closeCodes.get(4400) ?? 0).toBeGreaterThan(0);
    expect(tally.closeCodes.get(4401) ?? 0).toBeGreaterThan(0);
    expect(tally.keptOpen).toBeGreaterThan(0);
  }, 60_000);

  it("leave the phone working: an agent that comes back finishes the orphaned run, and the next task runs", async () => {
    const agent = await connectAgent(ws.agentToken, SERIAL, "agent-back", { running: [ownRun] });
    await sendResult(agent, ownRun, { ok: true, remark: "posted" });
    expect(await storedTask(ownRun.task_id)).toMatchObject({ status: 2, attemptId: ownRun.attempt_id });

    const [next] = await createTasks(ws, [SERIAL]);
    const run = await agent.next("run");
    expect(run.task_id).toBe(next);
    ackRun(agent, run);
    await sendResult(agent, run, { ok: true, remark: "posted" });
    expect((await storedTask(run.task_id))?.status).toBe(2);
  });

  it("leave another phone of the workspace, and the same serial in another workspace, undisturbed", async () => {
    expect({ other: other.closed, foreign: foreign.closed }).toEqual({ other: false, foreign: false });
    expect(await storedTask(foreign.run.task_id)).toMatchObject({ status: 1, attemptId: foreign.run.attempt_id, remark: "" });
    await sendResult(other.agent, other.run, { ok: true, remark: "posted" });
    await sendResult(foreign.agent, foreign.run, { ok: true, remark: "posted" });
    expect((await storedTask(other.run.task_id))?.status).toBe(2);
    expect((await storedTask(foreign.run.task_id))?.status).toBe(2);
  });
});
