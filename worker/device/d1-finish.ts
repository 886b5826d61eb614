import { and, eq, type SQL, sql } from "drizzle-orm";
import { FAIL_CLASSES, FailCode, needsAttention } from "../../shared/fail-codes";
import type { LogMessage, ProgressMessage, ResultMessage } from "../../shared/protocol/messages";
import { TaskStatus } from "../../shared/task-status";
import type { Db } from "../db/client";
import { taskLogs, tasks, workspaces } from "../db/schema";
import { markAttentionStatement } from "../accounts/attention";
import { markMaterialsUsed, releaseClaims } from "../materials/claim";
import { stoppedFields } from "../tasks/device-queues";
import { freePhoneStatement } from "./d1-claim";
import { Timing } from "./timing";

export type Outcome =
  | { kind: "completed" | "failed" }
  | { kind: "retrying"; dueAt: number }
  /** The attempt is not the task's current one (or the task is gone): nothing changed. */
  | { kind: "stale" };

export interface Ending {
  ok: boolean;
  failCode: FailCode | null;
  remark: string;
  /**
   * The post may be out: the agent was told it may publish (`posting_ok`), or its result says
   * so. Such a task is never retried automatically.
   */
  posted: boolean;
  postUrl: string | null;
}

/** What the object knows of the attempt's row when it ends. */
export interface RowFacts {
  posted: boolean;
  /** The user stopped the task before the publishing tap (the row was `stopping`). */
  stopping: boolean;
  /** The user stopped or deleted it after the publishing tap: noted, the run was let finish. */
  stopRequested: boolean;
}

/**
 * How the agent says its run ended. A run the user stopped before it could publish ends as
 * stopped whatever the agent reports (a stop can surface as any error on the phone). A stop
 * that came after the publishing tap does not pretend the post is not out: the run's own
 * outcome stands, and the remark says the stop came too late to stop it.
 */
export function endingOfResult(result: ResultMessage, row: RowFacts | null): Ending {
  const posted = result.posted || row?.posted === true;
  if (row?.stopping === true && !result.ok) return { ...endingOf(FailCode.Stopped, { posted }), postUrl: result.post_url };
  const failCode = result.ok ? null : (result.fail_code ?? FailCode.AdbError);
  const remark = result.remark || (failCode === null ? "success" : FAIL_CLASSES[failCode].remark);
  const late = row?.stopRequested === true ? " (the stop came after the publishing tap, so the run was let finish)" : "";
  return { ok: result.ok, failCode, remark: `${remark}${late}`.slice(0, 1000), posted, postUrl: result.post_url };
}

/** An ending the object decides (stopped, timed out, agent lost): posted when the agent had been let publish. */
export function endingOf(failCode: FailCode, row: { posted: boolean }, remark: string = FAIL_CLASSES[failCode].remark): Ending {
  return { ok: false, failCode, remark, posted: row.posted, postUrl: null };
}

export interface FinishOptions {
  /**
   * The phone is freed of the task in the same batch (false only while a newer attempt of the
   * same task runs on it). Whether the ending is current or stale: either way the phone no
   * longer runs this attempt.
   */
  freePhone?: boolean;
  /** Picks the retry delay; tests pass a seeded one. */
  random?: () => number;
}

/**
 * Writes how an attempt ended, in ONE round trip (a D1 batch, one transaction). The ending is
 * conditional on the attempt being the task's current one and the task still running, so a
 * repeated result, or one for an attempt that was taken back, changes nothing. A failure of a
 * retryable class with no post possibly out goes back to pending after a random 5-60 s, up to
 * the workspace's max_retry_count; any other failure is final, because a retry could post
 * twice. Whether it retries is decided inside the statement, from the row as it is and the
 * workspace's setting, so nothing is read first.
 */
export async function finishAttempt(db: Db, workspaceId: string, taskId: number, attemptId: string, ending: Ending, now: number, options: FinishOptions = {}): Promise<Outcome> {
  const random = options.random ?? Math.random;
  const dueAt = now + Timing.retryDelayMinMs + Math.floor(random() * (Timing.retryDelayMaxMs - Timing.retryDelayMinMs + 1));
  const mayRetry = !ending.ok && ending.failCode !== null && FAIL_CLASSES[ending.failCode].retryable && !ending.posted;
  const fields = ending.ok
    ? { status: TaskStatus.Completed, remark: ending.remark || "success", failCode: null, finishedAt: now }
    : mayRetry
      ? retryOrFail(workspaceId, ending, dueAt, now)
      : { status: TaskStatus.Failed, remark: ending.remark, failCode: ending.failCode, finishedAt: now };
  const evidence = ending.posted ? { posted: true, postUrl: ending.postUrl } : {};
  // The task leaves running, a library pick it still holds goes back, an account left on a
  // screen a person must handle is marked, and the phone is free.
  const attention = !ending.ok && needsAttention(ending.failCode) ? [markAttentionStatement(db, workspaceId, taskId, attemptId, ending.failCode, ending.remark, now)] : [];
  const freed = options.freePhone === false ? [] : [freePhoneStatement(db, workspaceId, taskId)];
  const [updated] = await db.batch([
    db
      .update(tasks)
      .set({ ...fields, ...evidence, updatedAt: now })
      .where(and(eq(tasks.id, taskId), eq(tasks.workspaceId, workspaceId), eq(tasks.attemptId, attemptId), eq(tasks.status, TaskStatus.Running)))
      .returning({ status: tasks.status, scheduledAt: tasks.scheduledAt }),
    releaseClaims(db, workspaceId, [taskId]),
    ...attention,
    ...freed,
  ]);
  const [row] = updated;
  if (row === undefined) return { kind: "stale" };
  if (row.status === TaskStatus.Completed) return { kind: "completed" };
  return row.status === TaskStatus.Pending ? { kind: "retrying", dueAt: row.scheduledAt } : { kind: "failed" };
}

/**
 * A retryable failure's fields: back to pending at `dueAt` with one more retry counted while
 * the row is not posted and under the workspace's max_retry_count, else failed. SQLite
 * evaluates every SET expression on the row as it was, so each CASE sees the same answer.
 */
function retryOrFail(workspaceId: string, ending: Ending, dueAt: number, now: number) {
  const maxRetries = sql`(SELECT ${workspaces.maxRetryCount} FROM ${workspaces} WHERE ${workspaces.id} = ${workspaceId})`;
  const retry = sql`(${tasks.posted} = 0 AND ${tasks.retryCount} < ${maxRetries})`;
  const either = (retried: SQL | number | null, failed: SQL | number | string) => sql`CASE WHEN ${retry} THEN ${retried} ELSE ${failed} END`;
  return {
    status: either(TaskStatus.Pending, TaskStatus.Failed),
    remark: either(sql`'retry ' || (${tasks.retryCount} + 1) || ' of ' || ${maxRetries} || ' after: ' || ${ending.remark}`, ending.remark),
    failCode: ending.failCode,
    retryCount: either(sql`${tasks.retryCount} + 1`, sql`${tasks.retryCount}`),
    scheduledAt: either(dueAt, sql`${tasks.scheduledAt}`),
    startedAt: either(null, sql`${tasks.startedAt}`),
    attemptId: either(null, sql`${tasks.attemptId}`),
    finishedAt: either(sql`${tasks.finishedAt}`, now),
  };
}

/**
 * The agent may publish now: from here the task's post may be out, and the library materials
 * it was sent with are used. False when the attempt is not current.
 */
export async function markPosted(db: Db, workspaceId: string, taskId: number, attemptId: string, libraryIds: readonly number[], now: number): Promise<boolean> {
  const posted = db
    .update(tasks)
    .set({ posted: true, updatedAt: now })
    .where(and(eq(tasks.id, taskId), eq(tasks.workspaceId, workspaceId), eq(tasks.attemptId, attemptId), eq(tasks.status, TaskStatus.Running)))
    .returning({ id: tasks.id });
  const [updated] = libraryIds.length === 0 ? [await posted.all()] : await db.batch([posted, markMaterialsUsed(db, workspaceId, taskId, attemptId, libraryIds, now)]);
  return updated.length > 0;
}

/** Stores a log line once, however often the agent sends it. */
export async function appendLog(db: Db, workspaceId: string, log: LogMessage): Promise<void> {
  // Only lines of the task's current attempt: a stale attempt's lines would mislead.
  await db.run(sql`
    INSERT OR IGNORE INTO ${taskLogs} (task_id, workspace_id, attempt_id, seq, at, level, message)
    SELECT ${log.task_id}, ${workspaceId}, ${log.attempt_id}, ${log.seq}, ${log.at}, ${log.level}, ${log.message}
    WHERE EXISTS (SELECT 1 FROM ${tasks} WHERE id = ${log.task_id} AND workspace_id = ${workspaceId} AND attempt_id = ${log.attempt_id})`);
}

export async function noteProgress(db: Db, workspaceId: string, progress: ProgressMessage): Promise<void> {
  await db
    .update(tasks)
    .set({ remark: progress.step })
    .where(
      and(
        eq(tasks.id, progress.task_id),
        eq(tasks.workspaceId, workspaceId),
        eq(tasks.attemptId, progress.attempt_id),
        eq(tasks.status, TaskStatus.Running),
      ),
    )
    .run();
}

/**
 * Ends a running task as stopped when no run of it is known to its phone (the object's state
 * lost, or a task it never ran): like any ending, in one batch with its library pick going
 * back and the phone freed of it, so a stop never leaves a material claimed by a task that
 * no longer runs.
 */
export async function endStopped(db: Db, workspaceId: string, taskId: number, now: number): Promise<void> {
  await db.batch([
    db
      .update(tasks)
      .set(stoppedFields(now))
      .where(and(eq(tasks.id, taskId), eq(tasks.workspaceId, workspaceId), eq(tasks.status, TaskStatus.Running))),
    releaseClaims(db, workspaceId, [taskId]),
    freePhoneStatement(db, workspaceId, taskId),
  ]);
}
