import { and, eq, sql } from "drizzle-orm";
import { PLANS } from "../../shared/plans";
import { TaskStatus } from "../../shared/task-status";
import type { Db } from "../db/client";
import { devices, type Task, tasks, workspaces } from "../db/schema";
import { releaseClaims } from "../materials/claim";

/** The workspace's device limit, read from its plan inside the statement that needs it. */
const deviceLimitOfWorkspace = (workspaceId: string) =>
  sql`(SELECT CASE ${workspaces.plan} ${sql.join(
    Object.entries(PLANS).map(([id, plan]) => sql`WHEN ${id} THEN ${plan.deviceLimit}`),
    sql` `,
  )} ELSE 0 END FROM ${workspaces} WHERE ${workspaces.id} = ${workspaceId})`;

/**
 * pending → running for one attempt, in ONE statement that also checks the workspace is
 * under its device limit. D1 runs statements one at a time, so two phones claiming at
 * once cannot both take the last slot. Null when the task is not pending any more or the
 * workspace is full; `whyNot` tells which.
 */
export async function claimTask(db: Db, workspaceId: string, taskId: number, attemptId: string, now: number): Promise<Task | null> {
  const running = sql`(SELECT count(*) FROM ${tasks} AS r WHERE r.workspace_id = ${workspaceId} AND r.status = ${TaskStatus.Running})`;
  const claimed = await db
    .update(tasks)
    .set({ status: TaskStatus.Running, attemptId, startedAt: now, updatedAt: now })
    .where(
      and(
        eq(tasks.id, taskId),
        eq(tasks.workspaceId, workspaceId),
        eq(tasks.status, TaskStatus.Pending),
        sql`${running} < ${deviceLimitOfWorkspace(workspaceId)}`,
      ),
    )
    .returning()
    .get();
  if (claimed) {
    await db
      .update(devices)
      .set({ currentTaskId: taskId })
      .where(and(eq(devices.workspaceId, workspaceId), eq(devices.serial, claimed.serial)))
      .run();
  }
  return claimed ?? null;
}

/** The task as it runs under `attemptId`; null when that is no longer its current run. */
export async function taskOf(db: Db, workspaceId: string, taskId: number, attemptId: string): Promise<Task | null> {
  const task = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, taskId), eq(tasks.workspaceId, workspaceId), eq(tasks.attemptId, attemptId), eq(tasks.status, TaskStatus.Running)))
    .get();
  return task ?? null;
}

export type ClaimRefusal = "gone" | "not-pending" | "limit";

/** Why a claim found nothing: the task was deleted, is no longer pending, or the workspace is full. */
export async function whyNot(db: Db, workspaceId: string, taskId: number): Promise<ClaimRefusal> {
  const task = await db
    .select({ status: tasks.status })
    .from(tasks)
    .where(and(eq(tasks.id, taskId), eq(tasks.workspaceId, workspaceId)))
    .get();
  if (task === undefined) return "gone";
  return task.status === TaskStatus.Pending ? "limit" : "not-pending";
}

/** running → pending for an attempt that never started (no ack): it will be dispatched again. */
export async function unclaimTask(db: Db, workspaceId: string, taskId: number, attemptId: string, now: number): Promise<void> {
  // One round trip: the phone is free, the task pending, and its library pick back in the pool.
  await db.batch([
    clearCurrentTaskStatement(db, workspaceId, taskId),
    db
      .update(tasks)
      .set({ status: TaskStatus.Pending, attemptId: null, startedAt: null, updatedAt: now })
      .where(and(eq(tasks.id, taskId), eq(tasks.workspaceId, workspaceId), eq(tasks.attemptId, attemptId), eq(tasks.status, TaskStatus.Running))),
    releaseClaims(db, workspaceId, [taskId]),
  ]);
}

/** The pending tasks D1 holds for this phone: the queue is rebuilt from them. */
export async function pendingTasksOf(db: Db, workspaceId: string, serial: string) {
  return db
    .select({ id: tasks.id, scheduledAt: tasks.scheduledAt })
    .from(tasks)
    .where(and(eq(tasks.workspaceId, workspaceId), eq(tasks.serial, serial), eq(tasks.status, TaskStatus.Pending)))
    .orderBy(tasks.scheduledAt, tasks.id)
    .limit(1000)
    .all();
}

/** The phone no longer runs `taskId` (finished, taken back or deleted). */
export async function clearCurrentTask(db: Db, workspaceId: string, taskId: number): Promise<void> {
  await clearCurrentTaskStatement(db, workspaceId, taskId).run();
}

function clearCurrentTaskStatement(db: Db, workspaceId: string, taskId: number) {
  return db.update(devices).set({ currentTaskId: null }).where(and(eq(devices.workspaceId, workspaceId), eq(devices.currentTaskId, taskId)));
}
