import { and, eq } from "drizzle-orm";
import type { HelloMessage } from "../../shared/protocol/messages";
import type { Db } from "../db/client";
import { devices } from "../db/schema";

/** The phone said hello: record who drives it, and that it is here. */
export async function recordHello(db: Db, workspaceId: string, hello: HelloMessage, now: number): Promise<void> {
  const fields = {
    model: hello.model || null,
    androidVersion: hello.android_version || null,
    agentId: hello.agent_id,
    agentVersion: hello.agent_version,
    connected: 1,
    lastSeenAt: now,
  };
  await db
    .insert(devices)
    .values({ workspaceId, serial: hello.serial, createdAt: now, ...fields })
    .onConflictDoUpdate({ target: [devices.workspaceId, devices.serial], set: fields })
    .run();
}

export async function recordSeen(db: Db, workspaceId: string, serial: string, now: number): Promise<void> {
  await db
    .update(devices)
    .set({ lastSeenAt: now, connected: 1 })
    .where(and(eq(devices.workspaceId, workspaceId), eq(devices.serial, serial)))
    .run();
}

export async function recordGone(db: Db, workspaceId: string, serial: string): Promise<void> {
  await db
    .update(devices)
    .set({ connected: 0 })
    .where(and(eq(devices.workspaceId, workspaceId), eq(devices.serial, serial)))
    .run();
}
