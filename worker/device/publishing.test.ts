import { describe, expect, it } from "vitest";
import { ackRun, connectAgent, fireAlarm, letTimePass, roundTrip, type RunOf, runsOf, sendResult, startAckedRun, stopsOf, type TestAgent } from "../test/agent-fixture";
import { createTasks, expectApiError, storedTask } from "../test/task-fixture";
import { createTestWorkspace, type TestWorkspace } from "../test/workspace-fixture";

// One post per task, whatever the user does: before its publishing tap a run asks
// (`posting`); from `posting_ok` on the post may be out, and a stop, a delete or a retry
// does not pretend otherwise.

const SERIAL = "phone-publish";

/** A run that has been let publish: the agent asked, the object said yes. */
async function publishingRun(): Promise<{ ws: TestWorkspace; agent: TestAgent; id: number; run: RunOf }> {
  const started = await startAckedRun(SERIAL);
  await roundTrip(started.agent);
  started.agent.send({ type: "posting", task_id: started.id, attempt_id: started.run.attempt_id });
  expect(await started.agent.next("posting_ok")).toEqual({ type: "posting_ok", task_id: started.id, attempt_id: started.run.attempt_id });
  return started;
}

describe("the publishing tap", () => {
  it("is allowed while the task runs, and from then on the task shows posted", async () => {
    const { ws, id } = await publishingRun();
    expect((await ws.call("GET", `/api/v1/task/${id}`)).data).toMatchObject({ status: 1, posted: true, post_url: null });
  });

  it("is refused with a stop once the task was stopped: nothing is posted, and the task ends stopped", async () => {
    const { ws, agent, id, run } = await startAckedRun(SERIAL);
    await roundTrip(agent);
    await ws.call("POST", `/api/v1/task/${id}/stop`);
    await agent.next("stop");
    agent.send({ type: "posting", task_id: id, attempt_id: run.attempt_id });
    await agent.next("stop");
    expect(agent.received.some((m) => m.type === "posting_ok")).toBe(false);
    await sendResult(agent, run, { ok: false, fail_code: 1007, posted: false });
    expect((await ws.call("GET", `/api/v1/task/${id}`)).data).toMatchObject({ status: 3, fail_code: 1007, posted: false });
  });

  it("is allowed when the run's ack has not been handled yet: a message about the run proves the agent has it", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, SERIAL);
    const [id] = await createTasks(ws, [SERIAL]);
    const run = await agent.next("run");
    agent.send({ type: "posting", task_id: id!, attempt_id: run.attempt_id });
    expect(await agent.next("posting_ok")).toEqual({ type: "posting_ok", task_id: id, attempt_id: run.attempt_id });
    // The late ack changes nothing, and the run is not sent again as unacked.
    ackRun(agent, run);
    await letTimePass(ws.id, SERIAL, 60_000);
    await fireAlarm(ws.id, SERIAL);
    expect(runsOf(agent)).toHaveLength(1);
    expect((await ws.call("GET", `/api/v1/task/${id}`)).data).toMatchObject({ status: 1, posted: true });
  });

  it("keeps the link the agent reports", async () => {
    const { ws, agent, id, run } = await publishingRun();
    await sendResult(agent, run, { ok: true, remark: "posted", posted: true, post_url: "https://www.tiktok.com/@studio/video/7301" });
    expect((await ws.call("GET", `/api/v1/task/${id}`)).data).toMatchObject({ status: 2, posted: true, post_url: "https://www.tiktok.com/@studio/video/7301" });
  });
});

describe("a stop after the publishing tap", () => {
  it("is passed on, but the task keeps running past the stop grace and ends as the run did, the stop noted", async () => {
    const { ws, agent, id, run } = await publishingRun();
    const answer = await ws.call("POST", `/api/v1/task/${id}/stop`);
    expect(answer.data).toMatchObject({ status: 1, posted: true });
    await agent.next("stop");
    await letTimePass(ws.id, SERIAL, 20_000);
    await fireAlarm(ws.id, SERIAL);
    expect((await storedTask(id))?.status).toBe(1);
    await sendResult(agent, run, { ok: true, remark: "posted (confirmed on the profile)", posted: true });
    const task = (await ws.call("GET", `/api/v1/task/${id}`)).data;
    expect(task).toMatchObject({ status: 2, posted: true, fail_code: null });
    expect(task.remark).toMatch(/^posted \(confirmed on the profile\) \(the stop came after the publishing tap/);
  });

  it("lets a failure stand as itself, posted, not as 1007", async () => {
    const { ws, agent, id, run } = await publishingRun();
    await ws.call("POST", `/api/v1/task/${id}/stop`);
    await sendResult(agent, run, { ok: false, fail_code: 1006, remark: "the upload did not finish", posted: true });
    expect((await ws.call("GET", `/api/v1/task/${id}`)).data).toMatchObject({ status: 3, fail_code: 1006, posted: true });
  });
});

describe("a delete after the publishing tap", () => {
  it("is 40901: the task runs to its end and shows what happened; once ended it can be deleted", async () => {
    const { ws, agent, id, run } = await publishingRun();
    expectApiError(await ws.call("DELETE", `/api/v1/task/${id}`), 40901, /publishing: its post may be out/);
    const batch = await ws.call("DELETE", "/api/v1/task/batch", { task_ids: [id] });
    expect(batch.data).toMatchObject({ deleted_count: 0, task_ids: [], not_found: [], skipped: [{ task_id: id, reason: expect.stringMatching(/publishing/) }] });
    expect(stopsOf(agent)).toEqual([]);
    await sendResult(agent, run, { ok: true, posted: true });
    expect((await ws.call("GET", `/api/v1/task/${id}`)).data).toMatchObject({ status: 2, posted: true });
    expect((await ws.call("DELETE", `/api/v1/task/${id}`)).data).toEqual({ deleted_count: 1, task_ids: [id] });
  });
});

describe("retrying a task whose post may be out", () => {
  async function failedAfterPosting(): Promise<{ ws: TestWorkspace; agent: TestAgent; id: number; run: RunOf }> {
    const started = await publishingRun();
    // 1002 is a retryable class: only the possible post keeps it from being retried.
    await sendResult(started.agent, started.run, { ok: false, fail_code: 1002, remark: "adb dropped during the upload", posted: true });
    return started;
  }

  it("never happens by itself", async () => {
    const { ws, agent, id } = await failedAfterPosting();
    expect(await storedTask(id)).toMatchObject({ status: 3, posted: true, retryCount: 0 });
    await letTimePass(ws.id, SERIAL, 120_000);
    await fireAlarm(ws.id, SERIAL);
    expect(runsOf(agent)).toHaveLength(1);
  });

  it("is 40901 saying why, and with force runs it again", async () => {
    const { ws, agent, id } = await failedAfterPosting();
    expectApiError(await ws.call("POST", `/api/v1/task/${id}/retry`), 40901, /may already be posted.*"force": true/);
    expect((await storedTask(id))?.status).toBe(3);
    const forced = await ws.call("POST", `/api/v1/task/${id}/retry`, { force: true });
    expect(forced.data).toMatchObject({ status: 0, posted: false, retry_count: 1 });
    const again = await agent.next("run");
    expect(again.task_id).toBe(id);
  });

  it("is skipped by retry-all, which lists it with the reason", async () => {
    const { ws, id } = await failedAfterPosting();
    const answer = await ws.call("POST", "/api/v1/task/retry-all");
    expect(answer.data).toEqual({ retried_count: 0, task_ids: [], skipped: [{ task_id: id, reason: expect.stringMatching(/may already be posted/) }] });
  });
});
