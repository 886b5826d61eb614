import { invalid } from "../http/api-error";
import { readIsoInstant } from "../time/iso-instant";
import { nextOccurrence } from "../time/zoned";

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;
/** Further ahead than this is almost surely a typo in the year. */
const MAX_AHEAD_MS = 366 * 86_400_000;

/**
 * When a create's tasks are due, before their interval delays. `start_time` is either
 * TikMatrix's "HH:MM" (the next time the workspace's clocks show it) or an ISO 8601
 * date-time; one without an offset is read on the workspace's clock. A time already past
 * means "as soon as possible", like an absent one, and so does "" (TikMatrix's own UI sends
 * the field empty when no time is set).
 */
export function resolveStartTime(startTime: string | undefined, nowMs: number, timeZone: string): number {
  if (startTime === undefined || startTime.trim() === "") return nowMs;
  const clock = CLOCK.exec(startTime);
  if (clock) return nextOccurrence(Number(clock[1]), Number(clock[2]), nowMs, timeZone);

  const iso = readIsoInstant(startTime, timeZone);
  if (!iso.ok) {
    throw invalid(
      iso.why === "format"
        ? `start_time must be "HH:MM" (00:00-23:59) or an ISO 8601 date-time, got ${JSON.stringify(startTime)}`
        : `start_time ${JSON.stringify(startTime)} is not a real date and time`,
    );
  }
  if (iso.at > nowMs + MAX_AHEAD_MS) throw invalid("start_time must be within a year from now");
  return Math.max(iso.at, nowMs);
}
