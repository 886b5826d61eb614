import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { devices, tasks } from "../../db/schema";
import { deviceColumns, type DeviceRow } from "../../devices/device-view";
import { isOnline } from "../../devices/presence";

/** A phone as its card shows it: the API's device fields, plus what the dashboard adds. */
export interface PhoneCard extends Pick<DeviceRow, "serial" | "name" | "model" | "androidVersion" | "agentId" | "agentVersion" | "lastSeenAt"> {
  online: boolean;
  /** The task it runs, with its current step (a running task's remark is its progress). */
  running: { id: number; script: string; step: string } | null;
  lastScreenshotTaskId: number | null;
}

// The API's device columns but the bound-account count, which a card does not show.
const { accountCount: _accounts, currentTaskId: _current, ...cardColumns } = deviceColumns;

/** Every phone of the workspace, in serial order, with its running task: one query. */
export async function phoneCards(db: Db, workspaceId: string, now = Date.now()): Promise<PhoneCard[]> {
  const rows = await db
    .select({
      ...cardColumns,
      lastScreenshotTaskId: devices.lastScreenshotTaskId,
      taskId: tasks.id,
      script: tasks.scriptName,
      step: tasks.remark,
    })
    .from(devices)
    .leftJoin(tasks, and(eq(tasks.id, devices.currentTaskId), eq(tasks.workspaceId, devices.workspaceId)))
    .where(eq(devices.workspaceId, workspaceId))
    .orderBy(devices.serial)
    .all();
  return rows.map((row) => ({
    serial: row.serial,
    name: row.name,
    model: row.model,
    androidVersion: row.androidVersion,
    agentId: row.agentId,
    agentVersion: row.agentVersion,
    online: isOnline(row.connected),
    lastSeenAt: row.lastSeenAt,
    running: row.taskId === null || row.script === null ? null : { id: row.taskId, script: row.script, step: row.step ?? "" },
    lastScreenshotTaskId: row.lastScreenshotTaskId,
  }));
}
