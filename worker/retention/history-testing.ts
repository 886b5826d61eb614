import { env } from "cloudflare:test";
import { TaskStatus } from "../../shared/task-status";
import { openDb } from "../db/client";
import { addTaskLog, createTasks, setTaskState } from "../test/task-fixture";
import type { TestWorkspace } from "../test/workspace-fixture";
import { archiveHistory } from "./archive-run";
import { RUN_BUDGET, type RunBudget } from "./run-budget";
import { linesOfDay } from "./day-object";
import { dayOfHistoryKey, historyPrefix } from "./history-key";
import type { HistoryLine } from "./history-line";

/** What the history tests share: tasks finished at a chosen time, and what R2 and D1 hold. */

export { DAY_MS as DAY } from "./utc-day";

/** A task of `ws` finished (completed unless `failed`) at `finishedAt`, with `logs` log lines. */
export async function finishedTask(ws: TestWorkspace, finishedAt: number, options: { logs?: number; failed?: boolean; serial?: string } = {}): Promise<number> {
  const [id] = await createTasks(ws, [options.serial ?? "phone-h"]);
  if (id === undefined) throw new Error("no task created");
  await setTaskState(id, { status: options.failed === true ? TaskStatus.Failed : TaskStatus.Completed, startedAt: finishedAt - 60_000, finishedAt });
  for (let i = 0; i < (options.logs ?? 0); i++) await addTaskLog(ws.id, id, `line ${i} of task ${id}`);
  return id;
}

/** The task as the API shows it (detail and logs): what its history line must hold. */
export async function presented(ws: TestWorkspace, id: number): Promise<HistoryLine> {
  const [detail, logs] = [await ws.call("GET", `/api/v1/task/${id}`), await ws.call("GET", `/api/v1/task/${id}/logs`)];
  if (detail.code !== 0 || logs.code !== 0) throw new Error(`task ${id} is not readable: ${detail.message} ${logs.message}`);
  return { ...detail.data, logs: logs.data.logs } as HistoryLine;
}

/** Every line of the workspace's day objects, day by day, in each object's order. */
export async function archived(workspaceId: string): Promise<{ day: string; line: HistoryLine }[]> {
  const listed = await env.MEDIA.list({ prefix: historyPrefix(workspaceId) });
  const out: { day: string; line: HistoryLine }[] = [];
  for (const { key } of listed.objects) {
    const object = await env.MEDIA.get(key);
    const day = dayOfHistoryKey(workspaceId, key);
    if (object === null || day === undefined) continue;
    for await (const line of linesOfDay(object.body)) out.push({ day, line });
  }
  return out;
}

export async function archivedIds(workspaceId: string): Promise<number[]> {
  return (await archived(workspaceId)).map((a) => a.line.id);
}

/** The ids of the workspace's tasks still in D1. */
export async function idsInD1(workspaceId: string): Promise<number[]> {
  const rows = await env.DB.prepare("SELECT id FROM tasks WHERE workspace_id = ? ORDER BY id").bind(workspaceId).all<{ id: number }>();
  return rows.results.map((r) => r.id);
}

export async function notedMoves(workspaceId: string): Promise<number[]> {
  const rows = await env.DB.prepare("SELECT task_id FROM history_moves WHERE workspace_id = ? ORDER BY task_id").bind(workspaceId).all<{ task_id: number }>();
  return rows.results.map((r) => r.task_id);
}

/** Runs the job until a run finds nothing to do; answers how many runs moved something. */
export async function drainHistory(now: number, budget: RunBudget = RUN_BUDGET): Promise<number> {
  for (let runs = 0; runs < 100; runs++) {
    const report = await archiveHistory(openDb(env.DB), env.MEDIA, now, budget);
    if (report.days === 0) return runs;
  }
  throw new Error("the history job never finished");
}
