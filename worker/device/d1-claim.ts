import { and, eq, sql } from "drizzle-orm";
import { PLANS } from "../../shared/plans";
import { TaskStatus } from "../../shared/task-status";
import type { Db } from "../db/client";
import { type Attention, attentionColumns, attentionFromColumns } from "../accounts/attention";
import { accounts, devices, type Task, tasks, workspaces } from "../db/schema";
import { releaseClaims } from "../materials/claim";

/** The workspace's device limit, read from its plan inside the statement that needs it. */
const deviceLimitOfWorkspace = (workspaceId: string) =>
  sql`(SELECT CASE ${workspaces.plan} ${sql.join(
    Object.entries(PLANS).map(([id, plan]) => sql`WHEN ${id} THEN ${plan.deviceLimit}`),
    sql` `,
  )} ELSE 0 END FROM ${workspaces} WHERE ${workspaces.id} = ${workspaceId})`;

export type ClaimRefusal = "gone" | "not-pending" | "limit";

/** What a claim found: the task now running under the attempt, with its account's mark; or why not. */
export type Claim = { claimed: true; task: Task; attention: Attention | null } | { claimed: false; why: ClaimRefusal };

/**
 * pending → running for one attempt, in ONE round trip (a D1 batch, one transaction):
 * 1. the task is claimed by a statement that also checks the workspace is under its device
 *    limit; D1 runs statements one at a time, so two phones claiming at once cannot both take
 *    the last slot;
 * 2. its phone is marked busy with it, if (1) claimed it;
 * 3. its account's mark is read, if (1) claimed it: a marked account's task ends at once;
 * 4. its status is read, for why (1) did not claim it: deleted, no longer pending, or the
 *    workspace full.
 * Statements 2 to 4 find their task through the attempt, so they do nothing for a claim
 * that did not happen.
 */
export async function claimTask(db: Db, workspaceId: string, taskId: number, attemptId: string, now: number): Promise<Claim> {
  const running = sql`(SELECT count(*) FROM ${tasks} AS r WHERE r.workspace_id = ${workspaceId} AND r.status = ${TaskStatus.Running})`;
  const ofThisRun = (column: typeof tasks.serial | typeof tasks.accountId) =>
    db
      .select({ value: column })
      .from(tasks)
      .where(and(eq(tasks.id, taskId), eq(tasks.workspaceId, workspaceId), eq(tasks.attemptId, attemptId), eq(tasks.status, TaskStatus.Running)));
  const [claimed, , marks, after] = await db.batch([
    db
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
      .returning(),
    db
      .update(devices)
      .set({ currentTaskId: taskId })
      .where(and(eq(devices.workspaceId, workspaceId), sql`${devices.serial} = (${ofThisRun(tasks.serial)})`)),
    db
      .select(attentionColumns)
      .from(accounts)
      .where(and(eq(accounts.workspaceId, workspaceId), sql`${accounts.id} = (${ofThisRun(tasks.accountId)})`)),
    db
      .select({ status: tasks.status })
      .from(tasks)
      .where(and(eq(tasks.id, taskId), eq(tasks.workspaceId, workspaceId))),
  ]);
  const [task] = claimed;
  if (task !== undefined) return { claimed: true, task, attention: attentionFromColumns(marks[0]) };
  const [row] = after;
  if (row === undefined) return { claimed: false, why: "gone" };
  return { claimed: false, why: row.status === TaskStatus.Pending ? "limit" : "not-pending" };
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

/** running → pending for an attempt that never started (no ack): it will be dispatched again. */
export async function unclaimTask(db: Db, workspaceId: string, taskId: number, attemptId: string, now: number): Promise<void> {
  // One round trip: the phone is free, the task pending, and its library pick back in the pool.
  await db.batch([
    freePhoneStatement(db, workspaceId, taskId),
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

/** The phone no longer runs `taskId` (finished, taken back or deleted): batched with the statement that says so. */
export function freePhoneStatement(db: Db, workspaceId: string, taskId: number) {
  return db.update(devices).set({ currentTaskId: null }).where(and(eq(devices.workspaceId, workspaceId), eq(devices.currentTaskId, taskId)));
}
