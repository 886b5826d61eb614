import { and, eq, ne, or, sql } from "drizzle-orm";
import { TaskStatus } from "../../shared/task-status";
import type { Db } from "../db/client";
import { inList } from "../db/in-list";
import { type Task, tasks } from "../db/schema";
import { conflict } from "../http/api-error";
import { releaseClaims } from "../materials/claim";
import { type DeviceQueues, stoppedFields } from "./device-queues";
import { getTask } from "./queries";

const STATUS_NAMES = ["pending", "running", "completed", "failed"] as const;
const MAY_BE_POSTED = "may already be posted (it passed its publishing tap): running it again could post it twice";

/**
 * Stop, retry and delete. Each change is one conditional statement, so two requests that
 * race (or a request racing the phone) cannot both win: the condition on `status` decides.
 */
export class TaskLifecycle {
  constructor(
    private readonly db: Db,
    private readonly workspaceId: string,
    private readonly queues: DeviceQueues,
  ) {}

  /** A pending task ends without running; a running one is told to abort; a finished one is 40901. */
  async stop(id: number): Promise<Task> {
    const now = Date.now();
    const stopped = await this.db
      .update(tasks)
      .set(stoppedFields(now))
      .where(and(this.mine(id), eq(tasks.status, TaskStatus.Pending)))
      .returning()
      .get();
    if (stopped) {
      await this.queues.forget(this.workspaceId, [stopped]);
      return stopped;
    }
    const task = await getTask(this.db, this.workspaceId, id);
    if (task.status === TaskStatus.Running) return this.queues.stopRunning(task);
    throw conflict(`task ${id} is already ${STATUS_NAMES[task.status]}; only a pending or running task can be stopped`);
  }

  /**
   * Only a failed task goes back to pending, due now, with one more retry counted; one whose
   * post may be out (it passed its publishing tap) only when `force` says to post it again.
   */
  async retry(id: number, force = false): Promise<Task> {
    const now = Date.now();
    const retried = await this.db
      .update(tasks)
      .set(retriedFields(now))
      .where(and(this.mine(id), eq(tasks.status, TaskStatus.Failed), force ? undefined : eq(tasks.posted, false)))
      .returning()
      .get();
    if (retried) {
      await this.queues.enqueue(this.workspaceId, [retried]);
      return retried;
    }
    const task = await getTask(this.db, this.workspaceId, id);
    if (task.status === TaskStatus.Failed) throw conflict(`task ${id} ${MAY_BE_POSTED}; send {"force": true} to run it again anyway`);
    throw conflict(`task ${id} is ${STATUS_NAMES[task.status]}; only a failed task can be retried`);
  }

  /** Every failed task goes back to pending, but those whose post may be out: they are listed, with why. */
  async retryAll(): Promise<{ retried: number[]; skipped: Array<{ task_id: number; reason: string }> }> {
    const failed = and(eq(tasks.workspaceId, this.workspaceId), eq(tasks.status, TaskStatus.Failed));
    const retried = await this.db
      .update(tasks)
      .set(retriedFields(Date.now()))
      .where(and(failed, eq(tasks.posted, false)))
      .returning({ id: tasks.id, serial: tasks.serial, scheduledAt: tasks.scheduledAt })
      .all();
    await this.queues.enqueue(this.workspaceId, retried);
    const skipped = await this.db
      .select({ id: tasks.id })
      .from(tasks)
      .where(and(failed, eq(tasks.posted, true)))
      .orderBy(tasks.id)
      .limit(1000)
      .all();
    return { retried: retried.map((t) => t.id).sort((a, b) => a - b), skipped: skipped.map((t) => ({ task_id: t.id, reason: MAY_BE_POSTED })) };
  }

  /**
   * Deletes the tasks of this workspace among `ids`; running ones are stopped first. One that
   * is past its publishing tap is not deleted: its post may be out, so it runs to its end and
   * shows what happened (it is listed in `publishing`).
   */
  async delete(ids: readonly number[]): Promise<{ deleted: number[]; publishing: number[] }> {
    const found = await this.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.workspaceId, this.workspaceId), inList(tasks.id, ids)))
      .all();
    for (const task of found) {
      if (task.status === TaskStatus.Running && !task.posted) await this.queues.stopRunning(task);
    }
    // The condition decides, not the read above: a run may have passed its tap meanwhile.
    const deleted = await this.db
      .delete(tasks)
      .where(and(eq(tasks.workspaceId, this.workspaceId), inList(tasks.id, ids), or(ne(tasks.status, TaskStatus.Running), eq(tasks.posted, false))))
      .returning({ id: tasks.id, serial: tasks.serial })
      .all();
    // A deleted run's library pick goes back (a posted one is not deleted, and its materials are used).
    if (deleted.length > 0) await releaseClaims(this.db, this.workspaceId, deleted.map((t) => t.id)).run();
    await this.queues.forget(this.workspaceId, deleted);
    const gone = new Set(deleted.map((t) => t.id));
    return {
      deleted: [...gone].sort((a, b) => a - b),
      publishing: found.map((t) => t.id).filter((id) => !gone.has(id)).sort((a, b) => a - b),
    };
  }

  private mine(id: number) {
    return and(eq(tasks.workspaceId, this.workspaceId), eq(tasks.id, id));
  }
}

function retriedFields(now: number) {
  return {
    status: TaskStatus.Pending,
    posted: false,
    postUrl: null,
    retryCount: sql`${tasks.retryCount} + 1`,
    remark: "",
    failCode: null,
    scheduledAt: now,
    startedAt: null,
    finishedAt: null,
    updatedAt: now,
  };
}
