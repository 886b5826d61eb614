import { and, eq } from "drizzle-orm";
import { FailCode } from "../../shared/fail-codes";
import { TaskStatus } from "../../shared/task-status";
import type { Db } from "../db/client";
import { inList } from "../db/in-list";
import { devices, type Task, tasks } from "../db/schema";
import type { Env } from "../env";
import { groupBy } from "../util/group-by";

/** What a phone's queue needs to know of a task. */
export interface QueuedTask {
  id: number;
  serial: string;
  scheduledAt: number;
}

/**
 * The one place where the API's task operations reach the phones' queues. D1 holds every
 * task's state; each phone's Durable Object (worker/device/) schedules its pending tasks
 * and owns the agent connection that runs them.
 */
export interface DeviceQueues {
  /** Pending tasks (created or retried) for their phones to schedule. */
  enqueue(workspaceId: string, queued: readonly QueuedTask[]): Promise<void>;
  /** A running task must stop; answers the task as it stands afterwards. */
  stopRunning(task: Task): Promise<Task>;
  /** Tasks that left the pending state by the API's hand (stopped, deleted). */
  forget(workspaceId: string, gone: readonly Pick<QueuedTask, "id" | "serial">[]): Promise<void>;
}

/** Calls to phone objects in flight at once: a 1,000-phone create stays well-behaved. */
const FAN_OUT = 32;

export function deviceStub(env: Env, workspaceId: string, serial: string) {
  // JSON keeps the name unambiguous whatever characters a serial holds.
  return env.DEVICE.get(env.DEVICE.idFromName(JSON.stringify([workspaceId, serial])));
}

/**
 * Only phones with an agent connected are told of new or removed tasks. A phone without
 * one has nothing to run them on, and its object rebuilds its queue from D1 when the
 * agent says hello; that hello is recorded before the rebuild reads D1, so a task
 * committed before this check is seen by one side or the other. A create for 1,000
 * offline phones therefore wakes no object at all.
 */
async function connectedOnly<T extends { serial: string }>(db: Db, workspaceId: string, items: readonly T[]): Promise<T[]> {
  if (items.length === 0) return [];
  const rows = await db
    .select({ serial: devices.serial })
    .from(devices)
    .where(and(eq(devices.workspaceId, workspaceId), eq(devices.connected, 1), inList(devices.serial, [...new Set(items.map((i) => i.serial))])))
    .all();
  const connected = new Set(rows.map((r) => r.serial));
  return items.filter((item) => connected.has(item.serial));
}

export function objectQueues(env: Env, db: Db): DeviceQueues {
  return {
    async enqueue(workspaceId, queued) {
      await eachPhone(await connectedOnly(db, workspaceId, queued), (serial, group) =>
        deviceStub(env, workspaceId, serial).enqueue(
          { workspaceId, serial },
          group.map((t) => ({ id: t.id, scheduledAt: t.scheduledAt })),
        ),
      );
    },
    async forget(workspaceId, gone) {
      await eachPhone(await connectedOnly(db, workspaceId, gone), (serial, group) =>
        deviceStub(env, workspaceId, serial).forget({ workspaceId, serial }, group.map((t) => t.id)),
      );
    },
    async stopRunning(task) {
      await deviceStub(env, task.workspaceId, task.serial).stop({ workspaceId: task.workspaceId, serial: task.serial }, task.id);
      const after = await db.select().from(tasks).where(eq(tasks.id, task.id)).get();
      return after ?? task;
    },
  };
}

/**
 * Runs `call` once per phone with that phone's tasks, a few phones at a time. A phone whose
 * object cannot be reached is logged and skipped: its tasks are safe in D1, and the
 * object rebuilds its queue from D1 when its agent connects.
 */
async function eachPhone<T extends { serial: string }>(items: readonly T[], call: (serial: string, group: T[]) => Promise<void>) {
  const phones = [...groupBy(items, (item) => item.serial)];
  for (let i = 0; i < phones.length; i += FAN_OUT) {
    const results = await Promise.allSettled(phones.slice(i, i + FAN_OUT).map(([serial, group]) => call(serial, group)));
    for (const result of results) {
      if (result.status === "rejected") console.error("could not reach a phone's object; D1 keeps its tasks", result.reason);
    }
  }
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
