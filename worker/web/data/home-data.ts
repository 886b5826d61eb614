import { and, count, eq, gte, isNotNull } from "drizzle-orm";
import { TaskStatus } from "../../../shared/task-status";
import type { Db } from "../../db/client";
import { accounts, devices, tasks } from "../../db/schema";
import { isOnline } from "../../devices/presence";
import { taskStatsQuery } from "../../tasks/task-totals";
import { startOfDay } from "../time-format";

export interface HomeData {
  phonesOffline: { serial: string; lastSeenAt: number | null }[];
  failedLastDay: number;
  accountsNeedingAttention: { username: string; reason: string }[];
  today: { running: number; queued: number; done: number; failed: number };
}

const DAY_MS = 24 * 3600_000;

/** What the home page shows first (what needs a person), then today's counts in the workspace's zone. */
export async function homeData(db: Db, workspaceId: string, timeZone: string, now = Date.now()): Promise<HomeData> {
  const midnight = startOfDay(now, timeZone);
  const finishedSince = (status: TaskStatus, since: number) =>
    db.select({ n: count() }).from(tasks).where(and(eq(tasks.workspaceId, workspaceId), eq(tasks.status, status), gte(tasks.finishedAt, since)));
  // The finished counts read only the rows they count (tasks_finished), never the whole
  // history; running and queued are the workspace's counter rows (task-totals.ts).
  const [phones, failedDay, attention, counters, doneToday, failedToday] = await db.batch([
    db.select({ serial: devices.serial, connected: devices.connected, lastSeenAt: devices.lastSeenAt }).from(devices).where(eq(devices.workspaceId, workspaceId)).orderBy(devices.serial),
    finishedSince(TaskStatus.Failed, now - DAY_MS),
    db.select({ username: accounts.username, reason: accounts.attentionReason }).from(accounts).where(and(eq(accounts.workspaceId, workspaceId), isNotNull(accounts.attentionReason))).orderBy(accounts.username).limit(20),
    taskStatsQuery(db, workspaceId),
    finishedSince(TaskStatus.Completed, midnight),
    finishedSince(TaskStatus.Failed, midnight),
  ]);
  const inStatus = (status: TaskStatus) => counters.find((row) => row.status === status)?.n ?? 0;
  return {
    phonesOffline: phones.filter((p) => !isOnline(p.connected)).map((p) => ({ serial: p.serial, lastSeenAt: p.lastSeenAt })),
    failedLastDay: failedDay[0]?.n ?? 0,
    accountsNeedingAttention: attention.map((a) => ({ username: a.username, reason: a.reason ?? "" })),
    today: { running: inStatus(TaskStatus.Running), queued: inStatus(TaskStatus.Pending), done: doneToday[0]?.n ?? 0, failed: failedToday[0]?.n ?? 0 },
  };
}
