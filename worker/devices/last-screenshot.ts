import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../db/client";
import { devices, type Task } from "../db/schema";

/** The phone's thumbnail is its newest task's screenshot: a late upload of an older task does not replace it. */
export async function noteScreenshot(db: Db, task: Pick<Task, "id" | "workspaceId" | "serial">): Promise<void> {
  await db
    .update(devices)
    .set({ lastScreenshotTaskId: task.id })
    .where(and(eq(devices.workspaceId, task.workspaceId), eq(devices.serial, task.serial), or(isNull(devices.lastScreenshotTaskId), lt(devices.lastScreenshotTaskId, task.id))));
}
