import { sql } from "drizzle-orm";
import type { PhoneHealth } from "../../shared/protocol/messages";
import { devices } from "../db/schema";
import { isOnline, lastSeen } from "./presence";

/**
 * The columns of one device as the API shows it. The bound-account count is a correlated
 * sub-select on the accounts_device index, so a page of devices is one query, not 1 + N.
 */
export const deviceColumns = {
  serial: devices.serial,
  name: devices.name,
  model: devices.model,
  androidVersion: devices.androidVersion,
  agentId: devices.agentId,
  agentVersion: devices.agentVersion,
  lastSeenAt: devices.lastSeenAt,
  connected: devices.connected,
  currentTaskId: devices.currentTaskId,
  adbState: devices.adbState,
  health: devices.health,
  healthAt: devices.healthAt,
  notReadyReason: devices.notReadyReason,
  // Spelled out: in a one-table select drizzle leaves columns unqualified, and the inner
  // "workspace_id" would then match accounts' own column instead of the device's.
  accountCount: sql<number>`(select count(*) from "accounts" as "bound" where "bound"."workspace_id" = "devices"."workspace_id" and "bound"."device" = "devices"."serial")`,
};

export interface DeviceRow {
  serial: string;
  name: string | null;
  model: string | null;
  androidVersion: string | null;
  agentId: string | null;
  agentVersion: string | null;
  lastSeenAt: number | null;
  connected: number;
  currentTaskId: number | null;
  adbState: string | null;
  health: string | null;
  healthAt: number | null;
  notReadyReason: string | null;
  accountCount: number;
}

/**
 * Whether the phone is online (devices/presence.ts) and may start a new task: the one reading
 * of these fields, for every answer that shows them (GET /devices, GET /agent/phones).
 */
export function readinessJson(row: Pick<DeviceRow, "connected" | "notReadyReason">) {
  const online = isOnline(row.connected);
  return {
    online,
    /** Online, and neither too hot nor too low on battery: new tasks may start. */
    ready: online && row.notReadyReason === null,
    not_ready_reason: online ? row.notReadyReason : null,
  };
}

export function toDeviceJson(row: DeviceRow, now: number) {
  const { online, ready, not_ready_reason } = readinessJson(row);
  const seen = lastSeen(row.connected, row.lastSeenAt, now);
  const health = row.health === null ? null : (JSON.parse(row.health) as PhoneHealth);
  return {
    serial: row.serial,
    name: row.name,
    model: row.model,
    android_version: row.androidVersion,
    online,
    busy: row.currentTaskId !== null,
    agent: row.agentId,
    agent_version: row.agentVersion,
    last_seen: seen === null ? null : new Date(seen).toISOString(),
    current_task_id: row.currentTaskId,
    accounts: row.accountCount,
    /** As the agent's adb server lists it (device, unauthorized, offline, …), or gone; null before any agent saw it. */
    adb_state: row.adbState,
    ready,
    not_ready_reason,
    health: health === null ? null : { ...health, reported_at: row.healthAt === null ? null : new Date(row.healthAt).toISOString() },
  };
}
