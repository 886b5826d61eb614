import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { FailCode } from "../../shared/fail-codes";
import { TaskStatus } from "../../shared/task-status";
import { openDb } from "../db/client";
import { type NewTask, type Task, taskLogs, tasks } from "../db/schema";
import type { ApiAnswer, TestWorkspace } from "./workspace-fixture";

/** Creates one `post` task per serial through the API; answers their ids in order. */
export async function createTasks(ws: TestWorkspace, serials: string[], extra: Record<string, unknown> = {}): Promise<number[]> {
  const answer = await ws.call("POST", "/api/v1/task", { serials, script_name: "post", script_config: { material_list: ["clip.mp4"] }, ...extra });
  if (answer.code !== 0) throw new Error(`create failed: ${answer.code} ${answer.message}`);
  return answer.data.task_ids as number[];
}

export type TaskState = Partial<
  Pick<NewTask, "status" | "startedAt" | "finishedAt" | "remark" | "failCode" | "source" | "scriptName" | "retryCount">
>;

/**
 * Puts a task into a state no API call can reach yet (no agent runs tasks): the columns an
 * agent would write when it starts, finishes or fails a task, unless `state` names them.
 */
export async function setTaskState(id: number, state: TaskState): Promise<Task> {
  const now = Date.now();
  const byStatus: Record<TaskStatus, TaskState> = {
    [TaskStatus.Pending]: {},
    [TaskStatus.Running]: { startedAt: now - 60_000 },
    [TaskStatus.Completed]: { startedAt: now - 60_000, finishedAt: now, remark: "posted" },
    [TaskStatus.Failed]: { startedAt: now - 60_000, finishedAt: now, remark: "device offline", failCode: FailCode.DeviceOffline },
  };
  const defaults = state.status === undefined ? {} : byStatus[state.status];
  const row = await openDb(env.DB)
    .update(tasks)
    .set({ ...defaults, ...state, updatedAt: now })
    .where(eq(tasks.id, id))
    .returning()
    .get();
  if (row === undefined) throw new Error(`no task ${id} to set`);
  return row;
}

export const running = { status: TaskStatus.Running } as const;
export const completed = { status: TaskStatus.Completed } as const;
export const failed = { status: TaskStatus.Failed } as const;

/** The task's row as D1 holds it, or undefined once deleted. */
export async function storedTask(id: number): Promise<Task | undefined> {
  return openDb(env.DB).select().from(tasks).where(eq(tasks.id, id)).get();
}

/** One log line for a task, written as the agent's report would be. */
let logSeq = 0;

export async function addTaskLog(workspaceId: string, taskId: number, message = "opened the app"): Promise<void> {
  await openDb(env.DB)
    .insert(taskLogs)
    .values({ taskId, workspaceId, attemptId: "test-attempt", seq: logSeq++, at: Date.now(), level: "info", message });
}

export async function countTaskLogs(taskId: number): Promise<number> {
  const rows = await openDb(env.DB).select({ id: taskLogs.id }).from(taskLogs).where(eq(taskLogs.taskId, taskId)).all();
  return rows.length;
}

/** An id no test made: far beyond any id a test file reaches. */
export const UNKNOWN_TASK_ID = 2 ** 40;

/** An error answer: its code, the HTTP status that code implies, and a message naming `field`. */
export function expectApiError(answer: ApiAnswer, code: number, field?: RegExp): void {
  expect({ code: answer.code, status: answer.status, data: answer.data }).toEqual({
    code,
    status: Math.floor(code / 100),
    data: null,
  });
  if (field) expect(answer.message).toMatch(field);
}
