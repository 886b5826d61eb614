import { describe, expect, it } from "vitest";
import { FailCode } from "../../../shared/fail-codes";
import { TaskStatus } from "../../../shared/task-status";
import {
  completed,
  createTasks,
  expectApiError,
  failed,
  running,
  setTaskState,
  UNKNOWN_TASK_ID,
} from "../../test/task-fixture";
import { createTestWorkspace } from "../../test/workspace-fixture";

const COMPAT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const newestFirst = (ids: number[]) => [...ids].sort((a, b) => b - a);
const idsOf = (tasks: { id: number }[]) => tasks.map((t) => t.id);

/** "YYYY-MM-DD HH:MM:SS" on a zone's clock, worked out here rather than by the product. */
function wallClock(epochMs: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(epochMs);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")}:${part("second")}`;
}

describe("GET /api/v1/task", () => {
  it("answers page 1 of 20 tasks, newest first, with the true total", async () => {
    const ws = await createTestWorkspace();
    const ids = await createTasks(ws, Array.from({ length: 21 }, (_, i) => `phone-${i}`));
    const answer = await ws.call("GET", "/api/v1/task");
    expect(answer.status).toBe(200);
    expect(answer.code).toBe(0);
    expect(Object.keys(answer.data).sort()).toEqual(["page", "page_size", "tasks", "total"]);
    expect(answer.data).toMatchObject({ total: 21, page: 1, page_size: 20 });
    expect(idsOf(answer.data.tasks)).toEqual(newestFirst(ids).slice(0, 20));
  });

  it("orders tasks of separate creates newest first", async () => {
    const ws = await createTestWorkspace();
    const [first] = await createTasks(ws, ["a"]);
    const [second] = await createTasks(ws, ["b"]);
    const answer = await ws.call("GET", "/api/v1/task");
    expect(idsOf(answer.data.tasks)).toEqual([second, first]);
  });

  it("shows every field of the task object for a task that has not run", async () => {
    const ws = await createTestWorkspace();
    const config = { captions: "hello", material_list: ["C:/Videos/v1.mp4"] };
    const [id] = await createTasks(ws, ["phone-1"], { script_config: config });
    const [task] = (await ws.call("GET", "/api/v1/task")).data.tasks;
    expect(task).toMatchObject({
      id,
      serial: "phone-1",
      username: null,
      script_name: "post",
      script_config: config,
      status: TaskStatus.Pending,
      source: "api",
      start_time: expect.stringMatching(COMPAT),
      end_time: null,
      scheduled_at: expect.stringMatching(ISO),
      started_at: null,
      finished_at: null,
      created_at: expect.stringMatching(ISO),
      remark: "",
      fail_code: null,
      retry_count: 0,
    });
  });

  it("shows a finished task's start, end and failure with their ISO twins", async () => {
    const ws = await createTestWorkspace();
    const [id = 0] = await createTasks(ws, ["phone-1"]);
    const stored = await setTaskState(id, { ...failed, startedAt: Date.UTC(2030, 0, 2, 3, 4, 5), finishedAt: Date.UTC(2030, 0, 2, 3, 9, 0) });
    const [task] = (await ws.call("GET", "/api/v1/task")).data.tasks;
    expect(task).toMatchObject({
      status: TaskStatus.Failed,
      start_time: "2030-01-02 03:04:05",
      end_time: "2030-01-02 03:09:00",
      started_at: "2030-01-02T03:04:05.000Z",
      finished_at: "2030-01-02T03:09:00.000Z",
      remark: stored.remark,
      fail_code: FailCode.DeviceOffline,
    });
  });

  it.each([TaskStatus.Pending, TaskStatus.Running, TaskStatus.Completed, TaskStatus.Failed])(
    "filters by status=%i",
    async (status) => {
      const ws = await createTestWorkspace();
      const ids = await createTasks(ws, ["a", "b", "c", "d"]);
      await Promise.all(ids.map((id, i) => setTaskState(id, { status: i as TaskStatus })));
      const answer = await ws.call("GET", `/api/v1/task?status=${status}`);
      expect(answer.data.total).toBe(1);
      expect(answer.data.tasks.map((t: { id: number; status: number }) => [t.id, t.status])).toEqual([[ids[status], status]]);
    },
  );

  it("filters by serial", async () => {
    const ws = await createTestWorkspace();
    const [a1, , a2] = await createTasks(ws, ["phone-a", "phone-b", "phone-a"]);
    const answer = await ws.call("GET", "/api/v1/task?serial=phone-a");
    expect(answer.data.total).toBe(2);
    expect(idsOf(answer.data.tasks)).toEqual([a2, a1]);
  });

  it("filters by script_name", async () => {
    const ws = await createTestWorkspace();
    const [postId, followId = 0] = await createTasks(ws, ["a", "b"]);
    await setTaskState(followId, { scriptName: "follow" });
    const posts = await ws.call("GET", "/api/v1/task?script_name=post");
    const follows = await ws.call("GET", "/api/v1/task?script_name=follow");
    expect([idsOf(posts.data.tasks), posts.data.total]).toEqual([[postId], 1]);
    expect([idsOf(follows.data.tasks), follows.data.total]).toEqual([[followId], 1]);
  });

  it("lists API-made tasks under source=api and none under source=ui", async () => {
    const ws = await createTestWorkspace();
    const ids = await createTasks(ws, ["a", "b"]);
    const api = await ws.call("GET", "/api/v1/task?source=api");
    const ui = await ws.call("GET", "/api/v1/task?source=ui");
    expect(idsOf(api.data.tasks)).toEqual(newestFirst(ids));
    expect(ui.data).toEqual({ tasks: [], total: 0, page: 1, page_size: 20 });
  });

  it("lists a dashboard-made task under source=ui only", async () => {
    const ws = await createTestWorkspace();
    const [apiId, uiId = 0] = await createTasks(ws, ["a", "b"]);
    await setTaskState(uiId, { source: "ui" });
    expect(idsOf((await ws.call("GET", "/api/v1/task?source=ui")).data.tasks)).toEqual([uiId]);
    expect(idsOf((await ws.call("GET", "/api/v1/task?source=api")).data.tasks)).toEqual([apiId]);
  });

  it("combines status and serial filters, counting only tasks matching both", async () => {
    const ws = await createTestWorkspace();
    const [aPending, aFailed = 0, bPending] = await createTasks(ws, ["phone-a", "phone-a", "phone-b"]);
    await setTaskState(aFailed, failed);
    const answer = await ws.call("GET", "/api/v1/task?status=0&serial=phone-a");
    expect(answer.data.total).toBe(1);
    expect(idsOf(answer.data.tasks)).toEqual([aPending]);
    expect(idsOf(answer.data.tasks)).not.toContain(bPending);
  });

  it("never lists another workspace's tasks", async () => {
    const ws = await createTestWorkspace();
    const other = await createTestWorkspace();
    const mine = await createTasks(ws, ["shared-serial"]);
    await createTasks(other, ["shared-serial"]);
    const answer = await ws.call("GET", "/api/v1/task?serial=shared-serial");
    expect([idsOf(answer.data.tasks), answer.data.total]).toEqual([mine, 1]);
  });

  it("pages through the list with page and page_size", async () => {
    const ws = await createTestWorkspace();
    const sorted = newestFirst(await createTasks(ws, ["a", "b", "c", "d", "e"]));
    const second = await ws.call("GET", "/api/v1/task?page=2&page_size=2");
    const third = await ws.call("GET", "/api/v1/task?page=3&page_size=2");
    expect(second.data).toMatchObject({ total: 5, page: 2, page_size: 2 });
    expect(idsOf(second.data.tasks)).toEqual(sorted.slice(2, 4));
    expect(idsOf(third.data.tasks)).toEqual(sorted.slice(4));
  });

  it("accepts page_size=100, the largest page", async () => {
    const ws = await createTestWorkspace();
    await createTasks(ws, Array.from({ length: 101 }, (_, i) => `phone-${i}`));
    const answer = await ws.call("GET", "/api/v1/task?page_size=100");
    expect(answer.code).toBe(0);
    expect([answer.data.tasks.length, answer.data.total, answer.data.page_size]).toEqual([100, 101, 100]);
  });

  it("answers a page past the end with no tasks and the true total", async () => {
    const ws = await createTestWorkspace();
    await createTasks(ws, ["a", "b", "c"]);
    const answer = await ws.call("GET", "/api/v1/task?page=2");
    expect(answer.code).toBe(0);
    expect(answer.data).toEqual({ tasks: [], total: 3, page: 2, page_size: 20 });
  });

  it.each([
    ["page=0", /\bpage\b/],
    ["page=-1", /\bpage\b/],
    ["page=abc", /\bpage\b/],
    ["page=1.5", /\bpage\b/],
    ["page_size=0", /\bpage_size\b/],
    ["page_size=101", /\bpage_size\b/],
    ["page_size=ten", /\bpage_size\b/],
    ["status=4", /\bstatus\b/],
    ["status=-1", /\bstatus\b/],
    ["status=x", /\bstatus\b/],
    ["source=web", /\bsource\b/],
  ])("answers ?%s with 40001 naming the parameter", async (query, field) => {
    const ws = await createTestWorkspace();
    expectApiError(await ws.call("GET", `/api/v1/task?${query}`), 40001, field);
  });
});

describe("GET /api/v1/task/{task_id}", () => {
  it("answers the task as the list shows it", async () => {
    const ws = await createTestWorkspace();
    const [id] = await createTasks(ws, ["phone-1"], { script_config: { captions: "hi", material_list: ["clip.mp4"] } });
    const detail = await ws.call("GET", `/api/v1/task/${id}`);
    const [listed] = (await ws.call("GET", "/api/v1/task")).data.tasks;
    expect(detail.status).toBe(200);
    expect(detail.data).toEqual(listed);
    expect(detail.data).toMatchObject({ id, serial: "phone-1", script_config: { captions: "hi", material_list: ["clip.mp4"] } });
  });

  it("answers an unknown id with 40401", async () => {
    const ws = await createTestWorkspace();
    expectApiError(await ws.call("GET", `/api/v1/task/${UNKNOWN_TASK_ID}`), 40401);
  });

  it("answers another workspace's task with 40401, not 40301", async () => {
    const owner = await createTestWorkspace();
    const stranger = await createTestWorkspace();
    const [id] = await createTasks(owner, ["phone-1"]);
    expectApiError(await stranger.call("GET", `/api/v1/task/${id}`), 40401);
  });

  it.each(["abc", "0", "-1", "1.5", "99999999999999999"])("answers the id %s with 40001 naming task_id", async (raw) => {
    const ws = await createTestWorkspace();
    expectApiError(await ws.call("GET", `/api/v1/task/${raw}`), 40001, /\btask_id\b/);
  });

  it("shows start_time on the workspace's clock and scheduled_at in UTC", async () => {
    const ws = await createTestWorkspace({ timezone: "Asia/Shanghai" });
    const at = Math.ceil(Date.now() / 1000) * 1000 + 86_400_000;
    const iso = new Date(at).toISOString();
    const [id] = await createTasks(ws, ["phone-1"], { start_time: iso });
    const task = (await ws.call("GET", `/api/v1/task/${id}`)).data;
    expect(task.start_time).toBe(wallClock(at, "Asia/Shanghai"));
    expect(task.start_time).not.toBe(wallClock(at, "UTC"));
    expect(task.scheduled_at).toBe(iso);
  });
});

describe("GET /api/v1/task/stats", () => {
  it("counts nothing in a workspace without tasks", async () => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("GET", "/api/v1/task/stats");
    expect(answer.status).toBe(200);
    expect(answer.data).toEqual({ total: 0, pending: 0, running: 0, completed: 0, failed: 0 });
  });

  it("counts the workspace's tasks by state", async () => {
    const ws = await createTestWorkspace();
    const [, , r = 0, c = 0, f1 = 0, f2 = 0, f3 = 0] = await createTasks(ws, ["a", "b", "c", "d", "e", "f", "g"]);
    await setTaskState(r, running);
    await setTaskState(c, completed);
    await Promise.all([f1, f2, f3].map((id) => setTaskState(id, failed)));
    const answer = await ws.call("GET", "/api/v1/task/stats");
    expect(answer.data).toEqual({ total: 7, pending: 2, running: 1, completed: 1, failed: 3 });
  });

  it("counts only its own workspace's tasks", async () => {
    const ws = await createTestWorkspace();
    const other = await createTestWorkspace();
    await createTasks(ws, ["a"]);
    const [otherFailed = 0] = await createTasks(other, ["a", "b"]);
    await setTaskState(otherFailed, failed);
    const answer = await ws.call("GET", "/api/v1/task/stats");
    expect(answer.data).toEqual({ total: 1, pending: 1, running: 0, completed: 0, failed: 0 });
  });
});

describe("fixed task paths beside /task/{task_id}", () => {
  it("serves GET /task/stats as the stats, not as a task id", async () => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("GET", "/api/v1/task/stats");
    expect(answer.code).toBe(0);
    expect(Object.keys(answer.data).sort()).toEqual(["completed", "failed", "pending", "running", "total"]);
  });

  it("serves DELETE /task/batch as the batch delete, not as a task id", async () => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("DELETE", "/api/v1/task/batch", { task_ids: [UNKNOWN_TASK_ID] });
    expect(answer.code).toBe(0);
    expect(answer.data).toEqual({ deleted_count: 0, task_ids: [], not_found: [UNKNOWN_TASK_ID], skipped: [] });
  });

  it("serves POST /task/retry-all as the retry of all, not as a task id", async () => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("POST", "/api/v1/task/retry-all");
    expect(answer.code).toBe(0);
    expect(answer.data).toEqual({ retried_count: 0, task_ids: [], skipped: [] });
  });

  it("answers GET /task/batch with 40001 and an Allow header naming DELETE", async () => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("GET", "/api/v1/task/batch");
    expectApiError(answer, 40001, /\bGET\b/);
    expect(answer.headers.get("allow")).toBe("DELETE");
  });

  it("answers POST /task/stats with 40001 and an Allow header naming GET", async () => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("POST", "/api/v1/task/stats");
    expectApiError(answer, 40001);
    expect(answer.headers.get("allow")).toBe("GET");
  });

  it.each(["stop", "retry"])("answers POST /task/abc/%s with 40001 naming task_id", async (action) => {
    const ws = await createTestWorkspace();
    expectApiError(await ws.call("POST", `/api/v1/task/abc/${action}`), 40001, /\btask_id\b/);
  });
});
