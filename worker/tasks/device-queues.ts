import { and, eq } from "drizzle-orm";
import { FailCode } from "../../shared/fail-codes";
import { TaskStatus } from "../../shared/task-status";
import type { Db } from "../db/client";
import { type Task, tasks } from "../db/schema";

/** What a phone's queue needs to know of a task. */
export interface QueuedTask {
  id: number;
  serial: string;
  scheduledAt: number;
}

/**
 * The one place where the API's task operations reach the phones' queues. D1 holds every
 * task's state; each phone's queue (its Durable Object, in the next step of the project)
 * schedules the phone's pending tasks and owns the agent connection that runs them.
 */
export interface DeviceQueues {
  /** Pending tasks (created or retried) for their phones to schedule. */
  enqueue(workspaceId: string, queued: readonly QueuedTask[]): Promise<void>;
  /** A running task must stop; answers the task as it stands afterwards. */
  stopRunning(task: Task): Promise<Task>;
  /** Tasks that left the pending state by the API's hand (stopped, deleted). */
  forget(workspaceId: string, gone: readonly Pick<QueuedTask, "id" | "serial">[]): Promise<void>;
}

/**
 * The queues while no phone can connect: nothing runs, so a pending task simply waits in
 * D1 and a task marked running has no agent to tell, which is the "no agent connected"
 * case of stop: the task ends at once.
 */
export function d1OnlyQueues(db: Db): DeviceQueues {
  return {
    enqueue: async () => {},
    forget: async () => {},
    stopRunning: async (task) => {
      const now = Date.now();
      const ended = await db
        .update(tasks)
        .set(stoppedFields(now))
        .where(and(eq(tasks.id, task.id), eq(tasks.status, TaskStatus.Running)))
        .returning()
        .get();
      return ended ?? task;
    },
  };
}

/** The columns of a task that ends by a stop. */
export function stoppedFields(now: number) {
  return {
    status: TaskStatus.Failed,
    remark: "stopped",
    failCode: FailCode.Stopped,
    finishedAt: now,
    updatedAt: now,
  } as const;
}
