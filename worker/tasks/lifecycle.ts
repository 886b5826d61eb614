import { and, eq, sql } from "drizzle-orm";
import { TaskStatus } from "../../shared/task-status";
import type { Db } from "../db/client";
import { inList } from "../db/in-list";
import { type Task, tasks } from "../db/schema";
import { conflict } from "../http/api-error";
import { type DeviceQueues, stoppedFields } from "./device-queues";
import { getTask } from "./queries";

const STATUS_NAMES = ["pending", "running", "completed", "failed"] as const;

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

  /** Only a failed task goes back to pending, due now, with one more retry counted. */
  async retry(id: number): Promise<Task> {
    const now = Date.now();
    const retried = await this.db
      .update(tasks)
      .set(retriedFields(now))
      .where(and(this.mine(id), eq(tasks.status, TaskStatus.Failed)))
      .returning()
      .get();
    if (retried) {
      await this.queues.enqueue(this.workspaceId, [retried]);
      return retried;
    }
    const task = await getTask(this.db, this.workspaceId, id);
    throw conflict(`task ${id} is ${STATUS_NAMES[task.status]}; only a failed task can be retried`);
  }

  async retryAll(): Promise<number[]> {
    const retried = await this.db
      .update(tasks)
      .set(retriedFields(Date.now()))
      .where(and(eq(tasks.workspaceId, this.workspaceId), eq(tasks.status, TaskStatus.Failed)))
      .returning({ id: tasks.id, serial: tasks.serial, scheduledAt: tasks.scheduledAt })
      .all();
    await this.queues.enqueue(this.workspaceId, retried);
    return retried.map((t) => t.id).sort((a, b) => a - b);
  }

  /** Deletes the tasks of this workspace among `ids`; running ones are stopped first. */
  async delete(ids: readonly number[]): Promise<number[]> {
    const found = await this.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.workspaceId, this.workspaceId), inList(tasks.id, ids)))
      .all();
    for (const task of found) {
      if (task.status === TaskStatus.Running) await this.queues.stopRunning(task);
    }
    const deleted = await this.db
      .delete(tasks)
      .where(and(eq(tasks.workspaceId, this.workspaceId), inList(tasks.id, ids)))
      .returning({ id: tasks.id, serial: tasks.serial })
      .all();
    await this.queues.forget(this.workspaceId, deleted);
    return deleted.map((t) => t.id).sort((a, b) => a - b);
  }

  private mine(id: number) {
    return and(eq(tasks.workspaceId, this.workspaceId), eq(tasks.id, id));
  }
}

function retriedFields(now: number) {
  return {
    status: TaskStatus.Pending,
    retryCount: sql`${tasks.retryCount} + 1`,
    remark: "",
    failCode: null,
    scheduledAt: now,
    startedAt: null,
    finishedAt: null,
    updatedAt: now,
  };
}
