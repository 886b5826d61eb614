import type { PhoneHealth } from "../../shared/protocol/messages";
import type { Db } from "../db/client";
import { type HealthThresholds, notReadyReason } from "../devices/readiness";
import { healthThresholdsOf, recordHealth } from "./d1-presence";
import type { PhoneQueue } from "./queue";
import type { Identity } from "./scheduler";

/** D1 gets a report this often at most, unless the phone's readiness or its apps changed. */
export const HEALTH_WRITE_EVERY_MS = 5 * 60_000;
/** A verdict older than this no longer blocks: an agent that stopped reporting must not park its phone forever. */
export const HEALTH_VERDICT_MS = 10 * 60_000;
/** The workspace's limits are read again after this (a settings change reaches its phones within it). */
const THRESHOLDS_TTL_MS = 5 * 60_000;

const NOT_READY = "not_ready";
const REPORTED_AT = "health_reported_at";
const WRITTEN_AT = "health_written_at";
const APPS = "health_apps";
const THRESHOLDS = "health_thresholds";
const THRESHOLDS_AT = "health_thresholds_at";

/**
 * A phone's health report (in hello, or its own message): judged by the workspace's limits,
 * the verdict kept in the object's storage for dispatch, and written to D1 when the verdict or
 * the apps changed, and otherwise every HEALTH_WRITE_EVERY_MS. Heartbeats do not carry it, so a
 * rack of idle phones costs D1 a write per phone every five minutes, not per beat. True when the
 * phone was kept from tasks and no longer is.
 */
export async function takeHealth(db: Db, queue: PhoneQueue, who: Identity, health: PhoneHealth, now: number): Promise<boolean> {
  const wasBlocked = blockedReason(queue, now) !== null;
  const reason = notReadyReason(health, await thresholds(db, queue, who.workspaceId, now));
  const apps = JSON.stringify(health.apps);
  const due = now - Number(queue.getMeta(WRITTEN_AT) ?? 0) >= HEALTH_WRITE_EVERY_MS;
  if (due || reason !== queue.getMeta(NOT_READY) || apps !== queue.getMeta(APPS)) {
    await recordHealth(db, who.workspaceId, who.serial, health, reason, now);
    queue.setMeta(WRITTEN_AT, String(now));
    queue.setMeta(APPS, apps);
  }
  queue.setMeta(NOT_READY, reason);
  queue.setMeta(REPORTED_AT, String(now));
  return wasBlocked && reason === null;
}

/** An agent that reports no health (an older one): its phone is judged by nothing. */
export function forgetHealth(queue: PhoneQueue): void {
  queue.setMeta(NOT_READY, null);
}

/** Why the phone may not start a task now, from its last report; null when it may. */
export function blockedReason(queue: PhoneQueue, now: number): string | null {
  const reason = queue.getMeta(NOT_READY);
  if (reason === null) return null;
  return now - Number(queue.getMeta(REPORTED_AT) ?? 0) < HEALTH_VERDICT_MS ? reason : null;
}

/** When a block from the last report lapses (for the alarm), or null when nothing blocks. */
export function blockLapsesAt(queue: PhoneQueue, now: number): number | null {
  return blockedReason(queue, now) === null ? null : Number(queue.getMeta(REPORTED_AT) ?? 0) + HEALTH_VERDICT_MS;
}

async function thresholds(db: Db, queue: PhoneQueue, workspaceId: string, now: number): Promise<HealthThresholds> {
  const cached = queue.getMeta(THRESHOLDS);
  if (cached !== null && now - Number(queue.getMeta(THRESHOLDS_AT) ?? 0) < THRESHOLDS_TTL_MS) return JSON.parse(cached) as HealthThresholds;
  const fresh = await healthThresholdsOf(db, workspaceId);
  queue.setMeta(THRESHOLDS, JSON.stringify(fresh));
  queue.setMeta(THRESHOLDS_AT, String(now));
  return fresh;
}
