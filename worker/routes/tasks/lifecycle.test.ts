import { describe, expect, it } from "vitest";
import { FailCode } from "../../../shared/fail-codes";
import { TaskStatus } from "../../../shared/task-status";
import {
  addTaskLog,
  completed,
  countTaskLogs,
  createTasks,
  expectApiError,
  failed,
  running,
  setTaskState,
  storedTask,
  UNKNOWN_TASK_ID,
} from "../../test/task-fixture";
import { createTestWorkspace } from "../../test/workspace-fixture";

const COMPAT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe("POST /api/v1/task/{task_id}/stop", () => {
  it("ends a pending task failed, with remark \"stopped\", fail_code 1007 and an end time", async () => {
    const ws = await createTestWorkspace();
    const [id = 0] = await createTasks(ws, ["phone-1"]);
    const answer = await ws.call("POST", `/api/v1/task/${id}/stop`);
    expect(answer.status).toBe(200);
    expect(answer.data).toMatchObject({
      id,
      status: TaskStatus.Failed,
      remark: "stopped",
      fail_code: FailCode.Stopped,
      end_time: expect.stringMatching(COMPAT),
      finished_at: expect.stringMatching(ISO),
    });
    expect(await storedTask(id)).toMatchObject({ status: TaskStatus.Failed, failCode: FailCode.Stopped });
  });

  it("ends a running task at once while no agent is connected", async () => {
    const ws = await createTestWorkspace();
    const [id = 0] = await createTasks(ws, ["phone-1"]);
    const started = await setTaskState(id, running);
    const answer = await ws.call("POST", `/api/v1/task/${id}/stop`);
    expect(answer.data).toMatchObject({
      status: TaskStatus.Failed,
      remark: "stopped",
      fail_code: FailCode.Stopped,
      started_at: new Date(started.startedAt ?? 0).toISOString(),
      end_time: expect.stringMatching(COMPAT),
    });
    expect(await storedTask(id)).toMatchObject({ status: TaskStatus.Failed, failCode: FailCode.Stopped });
  });

  it("shows the stop's end_time on the workspace's clock", async () => {
    const ws = await createTestWorkspace({ timezone: "Asia/Shanghai" });
    const [id = 0] = await createTasks(ws, ["phone-1"]);
    const task = (await ws.call("POST", `/api/v1/task/${id}/stop`)).data;
    const shanghai = new Date(Date.parse(task.finished_at) + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
    expect(task.end_time).toBe(shanghai);
  });

  it.each([
    ["completed", completed],
    ["failed", failed],
  ])("refuses to stop a %s task with 40901 and leaves it as it was", async (_, state) => {
    const ws = await createTestWorkspace();
    const [id = 0] = await createTasks(ws, ["phone-1"]);
    const before = await setTaskState(id, state);
    expectApiError(await ws.call("POST", `/api/v1/task/${id}/stop`), 40901);
    expect(await storedTask(id)).toEqual(before);
  });

  it("refuses to stop a task twice", async () => {
    const ws = await createTestWorkspace();
    const [id] = await createTasks(ws, ["phone-1"]);
    await ws.call("POST", `/api/v1/task/${id}/stop`);
    expectApiError(await ws.call("POST", `/api/v1/task/${id}/stop`), 40901);
  });

  it("answers an unknown id with 40401", async () => {
    const ws = await createTestWorkspace();
    expectApiError(await ws.call("POST", `/api/v1/task/${UNKNOWN_TASK_ID}/stop`), 40401);
  });

  it("answers another workspace's task with 40401 and does not stop it", async () => {
    const owner = await createTestWorkspace();
    const stranger = await createTestWorkspace();
    const [id = 0] = await createTasks(owner, ["phone-1"]);
    const before = await storedTask(id);
    expectApiError(await stranger.call("POST", `/api/v1/task/${id}/stop`), 40401);
    expect(await storedTask(id)).toEqual(before);
  });

  it("answers a running task of another workspace with 40401 and leaves it running", async () => {
    const owner = await createTestWorkspace();
    const stranger = await createTestWorkspace();
    const [id = 0] = await createTasks(owner, ["phone-1"]);
    const before = await setTaskState(id, running);
    expectApiError(await stranger.call("POST", `/api/v1/task/${id}/stop`), 40401);
    expect(await storedTask(id)).toEqual(before);
  });
});

describe("POST /api/v1/task/{task_id}/retry", () => {
  it("puts a failed task back to pending with one more retry and its failure cleared", async () => {
    const ws = await createTestWorkspace();
    const [id = 0] = await createTasks(ws, ["phone-1"]);
    await setTaskState(id, failed);
    const answer = await ws.call("POST", `/api/v1/task/${id}/retry`);
    expect(answer.status).toBe(200);
    expect(answer.data).toMatchObject({
      id,
      status: TaskStatus.Pending,
      retry_count: 1,
      remark: "",
      fail_code: null,
      end_time: null,
      started_at: null,
      finished_at: null,
    });
    expect(await storedTask(id)).toMatchObject({ status: TaskStatus.Pending, retryCount: 1, failCode: null });
  });

  it("counts every retry of the same task", async () => {
    const ws = await createTestWorkspace();
    const [id = 0] = await createTasks(ws, ["phone-1"]);
    await setTaskState(id, { ...failed, retryCount: 2 });
    const answer = await ws.call("POST", `/api/v1/task/${id}/retry`);
    expect(answer.data.retry_count).toBe(3);
  });

  it("retries a stopped task, which ended failed", async () => {
    const ws = await createTestWorkspace();
    const [id] = await createTasks(ws, ["phone-1"]);
    await ws.call("POST", `/api/v1/task/${id}/stop`);
    const answer = await ws.call("POST", `/api/v1/task/${id}/retry`);
    expect(answer.data).toMatchObject({ status: TaskStatus.Pending, retry_count: 1, fail_code: null });
  });

  it.each([
    ["pending", { status: TaskStatus.Pending }],
    ["running", running],
    ["completed", completed],
  ])("refuses to retry a %s task with 40901 and leaves it as it was", async (_, state) => {
    const ws = await createTestWorkspace();
    const [id = 0] = await createTasks(ws, ["phone-1"]);
    const before = await setTaskState(id, state);
    expectApiError(await ws.call("POST", `/api/v1/task/${id}/retry`), 40901);
    expect(await storedTask(id)).toEqual(before);
  });

  it("answers an unknown id with 40401", async () => {
    const ws = await createTestWorkspace();
    expectApiError(await ws.call("POST", `/api/v1/task/${UNKNOWN_TASK_ID}/retry`), 40401);
  });

  it("answers another workspace's failed task with 40401 and leaves it failed", async () => {
    const owner = await createTestWorkspace();
    const stranger = await createTestWorkspace();
    const [id = 0] = await createTasks(owner, ["phone-1"]);
    const before = await setTaskState(id, failed);
    expectApiError(await stranger.call("POST", `/api/v1/task/${id}/retry`), 40401);
    expect(await storedTask(id)).toEqual(before);
  });
});

describe("POST /api/v1/task/retry-all", () => {
  it("retries every failed task of the workspace and only them", async () => {
    const ws = await createTestWorkspace();
    const [pending = 0, run = 0, done = 0, f1 = 0, f2 = 0] = await createTasks(ws, ["a", "b", "c", "d", "e"]);
    await setTaskState(run, running);
    await setTaskState(done, completed);
    await setTaskState(f1, failed);
    await setTaskState(f2, failed);
    const answer = await ws.call("POST", "/api/v1/task/retry-all");
    expect(answer.status).toBe(200);
    expect(answer.data).toEqual({ retried_count: 2, task_ids: [f1, f2], skipped: [] });
    const states = await Promise.all([pending, run, done, f1, f2].map(async (id) => (await storedTask(id))?.status));
    expect(states).toEqual([TaskStatus.Pending, TaskStatus.Running, TaskStatus.Completed, TaskStatus.Pending, TaskStatus.Pending]);
    expect(await storedTask(f1)).toMatchObject({ retryCount: 1, failCode: null, remark: "" });
  });

  it("never retries another workspace's failed tasks", async () => {
    const ws = await createTestWorkspace();
    const other = await createTestWorkspace();
    const [mine = 0] = await createTasks(ws, ["phone-1"]);
    const [theirs = 0] = await createTasks(other, ["phone-1"]);
    await setTaskState(mine, failed);
    const before = await setTaskState(theirs, failed);
    const answer = await ws.call("POST", "/api/v1/task/retry-all");
    expect(answer.data).toEqual({ retried_count: 1, task_ids: [mine], skipped: [] });
    expect(await storedTask(theirs)).toEqual(before);
  });

  it("answers an empty retry when nothing failed", async () => {
    const ws = await createTestWorkspace();
    await createTasks(ws, ["phone-1"]);
    const answer = await ws.call("POST", "/api/v1/task/retry-all");
    expect(answer.data).toEqual({ retried_count: 0, task_ids: [], skipped: [] });
  });
});

describe("DELETE /api/v1/task/{task_id}", () => {
  it("deletes the task, which is then not found", async () => {
    const ws = await createTestWorkspace();
    const [id = 0] = await createTasks(ws, ["phone-1"]);
    const answer = await ws.call("DELETE", `/api/v1/task/${id}`);
    expect(answer.status).toBe(200);
    expect(answer.data).toEqual({ deleted_count: 1, task_ids: [id] });
    expectApiError(await ws.call("GET", `/api/v1/task/${id}`), 40401);
    expect(await storedTask(id)).toBeUndefined();
  });

  it("stops and deletes a running task", async () => {
    const ws = await createTestWorkspace();
    const [id = 0] = await createTasks(ws, ["phone-1"]);
    await setTaskState(id, running);
    const answer = await ws.call("DELETE", `/api/v1/task/${id}`);
    expect(answer.data).toEqual({ deleted_count: 1, task_ids: [id] });
    expect(await storedTask(id)).toBeUndefined();
  });

  it("deletes the task's log lines with it", async () => {
    const ws = await createTestWorkspace();
    const [id = 0, kept = 0] = await createTasks(ws, ["phone-1", "phone-2"]);
    await addTaskLog(ws.id, id);
    await addTaskLog(ws.id, kept);
    await ws.call("DELETE", `/api/v1/task/${id}`);
    expect([await countTaskLogs(id), await countTaskLogs(kept)]).toEqual([0, 1]);
  });

  it("answers an unknown id with 40401", async () => {
    const ws = await createTestWorkspace();
    expectApiError(await ws.call("DELETE", `/api/v1/task/${UNKNOWN_TASK_ID}`), 40401);
  });

  it("answers another workspace's task with 40401 and keeps it", async () => {
    const owner = await createTestWorkspace();
    const stranger = await createTestWorkspace();
    const [id = 0] = await createTasks(owner, ["phone-1"]);
    expectApiError(await stranger.call("DELETE", `/api/v1/task/${id}`), 40401);
    expect(await storedTask(id)).toBeDefined();
  });

  it("never gives a deleted task's id to a new task", async () => {
    const ws = await createTestWorkspace();
    const [first] = await createTasks(ws, ["phone-1"]);
    await ws.call("DELETE", `/api/v1/task/${first}`);
    const [next] = await createTasks(ws, ["phone-1"]);
    expect(next).toBeGreaterThan(first ?? Infinity);
  });
});

describe("DELETE /api/v1/task/batch", () => {
  it("deletes the workspace's tasks and reports the others as not found, leaving them intact", async () => {
    const ws = await createTestWorkspace();
    const other = await createTestWorkspace();
    const [a1 = 0, a2 = 0, kept = 0] = await createTasks(ws, ["a", "b", "c"]);
    const [theirs = 0] = await createTasks(other, ["a"]);
    const answer = await ws.call("DELETE", "/api/v1/task/batch", { task_ids: [a2, theirs, a1, UNKNOWN_TASK_ID] });
    expect(answer.status).toBe(200);
    expect(answer.data).toEqual({ deleted_count: 2, task_ids: [a1, a2], not_found: [theirs, UNKNOWN_TASK_ID], skipped: [] });
    expect([await storedTask(a1), await storedTask(a2)]).toEqual([undefined, undefined]);
    expect(await storedTask(kept)).toBeDefined();
    expect(await storedTask(theirs)).toBeDefined();
  });

  it("stops and deletes running tasks among the ids", async () => {
    const ws = await createTestWorkspace();
    const [run = 0, pending = 0] = await createTasks(ws, ["a", "b"]);
    await setTaskState(run, running);
    const answer = await ws.call("DELETE", "/api/v1/task/batch", { task_ids: [run, pending] });
    expect(answer.data).toEqual({ deleted_count: 2, task_ids: [run, pending].sort((x, y) => x - y), not_found: [], skipped: [] });
    expect(await storedTask(run)).toBeUndefined();
  });

  it("deletes a task named twice once", async () => {
    const ws = await createTestWorkspace();
    const [id = 0] = await createTasks(ws, ["a"]);
    const answer = await ws.call("DELETE", "/api/v1/task/batch", { task_ids: [id, id] });
    expect(answer.data).toEqual({ deleted_count: 1, task_ids: [id], not_found: [], skipped: [] });
  });

  it("deletes the tasks' log lines with them", async () => {
    const ws = await createTestWorkspace();
    const [id = 0] = await createTasks(ws, ["a"]);
    await addTaskLog(ws.id, id);
    await addTaskLog(ws.id, id, "posted");
    await ws.call("DELETE", "/api/v1/task/batch", { task_ids: [id] });
    expect(await countTaskLogs(id)).toBe(0);
  });

  it.each([
    ["no task_ids", {}],
    ["an empty task_ids", { task_ids: [] }],
    ["task_ids that is not an array", { task_ids: 5 }],
    ["a string id", { task_ids: ["1"] }],
    ["a fractional id", { task_ids: [1.5] }],
    ["id 0", { task_ids: [0] }],
    ["1001 ids", { task_ids: Array.from({ length: 1001 }, (_, i) => i + 1) }],
  ])("answers a body with %s with 40001 naming task_ids", async (_, body) => {
    const ws = await createTestWorkspace();
    expectApiError(await ws.call("DELETE", "/api/v1/task/batch", body), 40001, /\btask_ids\b/);
  });

  it("accepts 1000 ids, reporting the unknown ones", async () => {
    const ws = await createTestWorkspace();
    const [id = 0] = await createTasks(ws, ["a"]);
    const ids = [id, ...Array.from({ length: 999 }, (_, i) => UNKNOWN_TASK_ID + i)];
    const answer = await ws.call("DELETE", "/api/v1/task/batch", { task_ids: ids });
    expect(answer.data).toMatchObject({ deleted_count: 1, task_ids: [id] });
    expect(answer.data.not_found).toHaveLength(999);
  });

  it("answers a body that is not JSON with 40001", async () => {
    const ws = await createTestWorkspace();
    const [id = 0] = await createTasks(ws, ["a"]);
    expectApiError(await ws.call("DELETE", "/api/v1/task/batch", `{"task_ids": [${id}]`), 40001, /JSON/);
    expect(await storedTask(id)).toBeDefined();
  });

  it("answers a request without a body with 40001", async () => {
    const ws = await createTestWorkspace();
    expectApiError(await ws.call("DELETE", "/api/v1/task/batch"), 40001);
  });
});
