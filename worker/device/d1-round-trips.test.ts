import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { openDb } from "../db/client";
import { TaskLifecycle } from "../tasks/lifecycle";
import { objectQueues } from "../tasks/device-queues";
import { ackRun, connectAgent, eventually, fireAlarm, letTimePass, phone, type RunOf, sendResult, type TestAgent } from "../test/agent-fixture";
import { type RecordedBatch, type RecordedStatement, recordingD1, roundTripsOf } from "../test/recording-d1";
import { countTaskLogs, createTasks, storedTask } from "../test/task-fixture";
import { createTestWorkspace, type TestWorkspace } from "../test/workspace-fixture";

// What one task costs D1 as it runs (issue 16, part 4): the statements and the round trips
// of each step, counted on the statements the phone's object really sends. D1 runs one
// query at a time per database, so the round trips of a lifecycle bound how many tasks a
// database serves per second (docs/scale.md). The figures are exact: a new statement or a
// new round trip in a step fails this test, on purpose; change the figures with the reason.

const SERIAL = "phone-trips";

/** A figure per step: statements sent, and the round trips they took. */
type Cost = Record<string, { statements: number; roundTrips: number }>;

// Each test's figures also go into its task's meta, which vitest's JSON reporter prints:
// `npm run bench` section 13 runs this file and reports them (tools/bench/d1-lifecycle.ts).
declare module "vitest" {
  interface TaskMeta {
    d1Cost?: Cost;
  }
}

interface Recording {
  /** Runs `step`, labelling the D1 statements the object sends meanwhile with `name`. */
  step(name: string, step: () => Promise<void>): Promise<void>;
  cost(): Cost;
}

/**
 * The phone's object, with its D1 handle replaced by one that records (the object opens its
 * handle in its constructor, from its own env; a test has no other way in). The object stays
 * the same instance for the test, so each step's statements are its own.
 */
async function recordObject(ws: TestWorkspace): Promise<Recording> {
  const statements: RecordedStatement[] = [];
  const batches: RecordedBatch[] = [];
  let current = "before";
  const steps: string[] = [];
  await runInDurableObject(phone(ws.id, SERIAL), (instance) => {
    Reflect.set(instance, "db", openDb(recordingD1(env.DB, statements, () => current, batches)));
  });
  return {
    async step(name, step) {
      current = name;
      steps.push(name);
      await step();
    },
    cost() {
      return Object.fromEntries(
        [...new Set([...steps, ...statements.map((s) => s.label)])].map((name) => {
          const mine = statements.filter((s) => s.label === name);
          return [name, { statements: mine.length, roundTrips: roundTripsOf(mine, batches.filter((b) => b.label === name)) }];
        }),
      );
    },
  };
}

/**
 * Waits until the object has answered a frame of its own, at no cost in D1: a `posting` for a
 * task it does not run is refused with a stop from its queue alone (the fixture's roundTrip
 * sends a result, which costs a statement). For a step whose statements show no effect to
 * wait for: the ack, which should send none.
 */
async function settled(agent: TestAgent): Promise<void> {
  agent.send({ type: "posting", task_id: 2 ** 40, attempt_id: crypto.randomUUID() });
  await agent.next("stop");
}

describe("D1 per task lifecycle", () => {
  it("a post that completes: one round trip to claim, one per progress step and log line, one to publish, one to finish", async ({ task }) => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, SERIAL);
    const record = await recordObject(ws);
    let run: RunOf | undefined;
    await record.step("claim", async () => {
      await createTasks(ws, [SERIAL]);
      run = await agent.next("run");
    });
    if (run === undefined) throw new Error("no run was sent");
    const ids = { task_id: run.task_id, attempt_id: run.attempt_id };
    await record.step("ack", async () => {
      ackRun(agent, run!);
      await settled(agent);
    });
    // Each step waits for its statement's effect: under load the test's socket may hand the
    // object a frame after the next one (worker/device/publishing.test.ts), so a reply to a
    // later frame does not prove an earlier one was handled.
    await record.step("progress", async () => {
      agent.send({ type: "progress", ...ids, step: "uploading" });
      await eventually(async () => expect((await storedTask(ids.task_id))?.remark).toBe("uploading"));
    });
    await record.step("log", async () => {
      agent.send({ type: "log", ...ids, seq: 0, at: Date.now(), level: "info", message: "pushed the video" });
      await eventually(async () => expect(await countTaskLogs(ids.task_id)).toBe(1));
    });
    await record.step("posting", async () => {
      agent.send({ type: "posting", ...ids });
      await agent.next("posting_ok");
    });
    await record.step("finish", () => sendResult(agent, run!, { ok: true, remark: "posted", posted: true }));

    task.meta.d1Cost = record.cost();
    expect(task.meta.d1Cost).toEqual({
      // The claim, the phone busy, its account's mark, the refusal's reason: one batch.
      claim: { statements: 4, roundTrips: 1 },
      ack: { statements: 0, roundTrips: 0 },
      progress: { statements: 1, roundTrips: 1 },
      log: { statements: 1, roundTrips: 1 },
      posting: { statements: 1, roundTrips: 1 },
      // The ending, the library pick released, the phone free: one batch.
      finish: { statements: 3, roundTrips: 1 },
    });
  });

  it("a retryable failure: the retry is decided in the ending's own statement, and the next attempt's claim is one round trip again", async ({ task }) => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, SERIAL);
    const record = await recordObject(ws);
    let first: RunOf | undefined;
    await record.step("claim", async () => {
      await createTasks(ws, [SERIAL]);
      first = await agent.next("run");
    });
    if (first === undefined) throw new Error("no run was sent");
    ackRun(agent, first);
    await record.step("fail, retried", () => sendResult(agent, first!, { ok: false, fail_code: 1001, remark: "device offline", posted: false }));
    await letTimePass(ws.id, SERIAL, 60_000);
    await record.step("claim again", async () => {
      await fireAlarm(ws.id, SERIAL);
      await agent.next("run");
    });
    await record.step("user stops it", async () => {
      await ws.call("POST", `/api/v1/task/${first!.task_id}/stop`);
      await agent.next("stop");
    });

    task.meta.d1Cost = record.cost();
    expect(task.meta.d1Cost).toEqual({
      claim: { statements: 4, roundTrips: 1 },
      "fail, retried": { statements: 3, roundTrips: 1 },
      "claim again": { statements: 4, roundTrips: 1 },
      // The object only tells the agent; the row changes with the run's result.
      "user stops it": { statements: 0, roundTrips: 0 },
    });
  });

  it("a user's retry of a failed task: one statement in the Worker, and the phone's claim one round trip", async ({ task }) => {
    const ws = await createTestWorkspace({ maxRetryCount: 0 });
    const agent = await connectAgent(ws.agentToken, SERIAL);
    await createTasks(ws, [SERIAL]);
    const first = await agent.next("run");
    ackRun(agent, first);
    await sendResult(agent, first, { ok: false, fail_code: 1001, remark: "device offline", posted: false });
    const record = await recordObject(ws);
    const worker: RecordedStatement[] = [];
    const workerBatches: RecordedBatch[] = [];
    const db = openDb(recordingD1(env.DB, worker, () => "retry", workerBatches));
    await record.step("claim", async () => {
      await new TaskLifecycle(db, ws.id, objectQueues(env, db)).retry(first.task_id);
      await agent.next("run");
    });

    task.meta.d1Cost = { "retry, in the Worker": { statements: worker.length, roundTrips: roundTripsOf(worker, workerBatches) }, ...record.cost() };
    expect(task.meta.d1Cost).toEqual({
      // The retry's UPDATE; then the queues look up whether the phone is connected.
      "retry, in the Worker": { statements: 2, roundTrips: 2 },
      claim: { statements: 4, roundTrips: 1 },
    });
  });
});
