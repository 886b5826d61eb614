import { sql } from "drizzle-orm";
import { devices } from "../db/schema";
import { isOnline } from "./presence";

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
  accountCount: number;
}

export function toDeviceJson(row: DeviceRow, now: number) {
  return {
    serial: row.serial,
    name: row.name,
    model: row.model,
    android_version: row.androidVersion,
    online: isOnline(row.connected, row.lastSeenAt, now),
    busy: row.currentTaskId !== null,
    agent: row.agentId,
    agent_version: row.agentVersion,
    last_seen: row.lastSeenAt === null ? null : new Date(row.lastSeenAt).toISOString(),
    current_task_id: row.currentTaskId,
    accounts: row.accountCount,
  };
}
