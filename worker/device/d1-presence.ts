import { and, eq } from "drizzle-orm";
import type { HelloMessage, PhoneHealth } from "../../shared/protocol/messages";
import type { Db } from "../db/client";
import { devices, workspaces } from "../db/schema";
import type { HealthThresholds } from "../devices/readiness";

/** The phone said hello: record who drives it, and that it is here. */
export async function recordHello(db: Db, workspaceId: string, hello: HelloMessage, now: number): Promise<void> {
  const fields = {
    model: hello.model || null,
    androidVersion: hello.android_version || null,
    agentId: hello.agent_id,
    agentVersion: hello.agent_version,
    connected: 1,
    lastSeenAt: now,
    // A phone with a link is one its adb server can drive.
    adbState: "device",
    // An agent that reports no condition (an older one) cannot have it judged: nothing blocks it.
    ...(hello.health === null ? { health: null, healthAt: null, notReadyReason: null } : {}),
  };
  await db
    .insert(devices)
    .values({ workspaceId, serial: hello.serial, createdAt: now, ...fields })
    .onConflictDoUpdate({ target: [devices.workspaceId, devices.serial], set: fields })
    .run();
}

/** The link ended (closed, or silent past Timing.agentSilentMs): offline since its last frame. */
export async function recordGone(db: Db, workspaceId: string, serial: string, lastSeenAt: number): Promise<void> {
  await db
    .update(devices)
    .set({ connected: 0, lastSeenAt })
    .where(and(eq(devices.workspaceId, workspaceId), eq(devices.serial, serial)))
    .run();
}

/** A health report, with why it keeps the phone from new tasks (null: ready). */
export async function recordHealth(db: Db, workspaceId: string, serial: string, health: PhoneHealth, notReadyReason: string | null, now: number): Promise<void> {
  await db
    .update(devices)
    .set({ health: JSON.stringify(health), healthAt: now, notReadyReason })
    .where(and(eq(devices.workspaceId, workspaceId), eq(devices.serial, serial)))
    .run();
}

/** The workspace's health limits, for the phone's object to judge its reports by. */
export async function healthThresholdsOf(db: Db, workspaceId: string): Promise<HealthThresholds> {
  const row = await db
    .select({ minBatteryLevel: workspaces.minBatteryLevel, maxBatteryTemperatureC: workspaces.maxBatteryTemperatureC })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .get();
  // A workspace deleted under a live socket: nothing to protect, so nothing blocks.
  return row ?? { minBatteryLevel: 0, maxBatteryTemperatureC: 150 };
}
