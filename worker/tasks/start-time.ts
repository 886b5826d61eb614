import { invalid } from "../http/api-error";
import { instantOf, nextOccurrence } from "../time/zoned";

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;
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

  const iso = ISO.exec(startTime);
  if (!iso) {
    throw invalid(`start_time must be "HH:MM" (00:00-23:59) or an ISO 8601 date-time, got ${JSON.stringify(startTime)}`);
  }
  const part = (i: number) => Number(iso[i] ?? 0);
  const [year, month, day, hour, minute, second] = [part(1), part(2), part(3), part(4), part(5), part(6)];
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    throw invalid(`start_time ${JSON.stringify(startTime)} is not a real date and time`);
  }
  const zone = iso[7];
  const at = zone === undefined ? instantOf({ year, month, day, hour, minute, second }, timeZone) : Date.parse(normalizeIso(startTime));
  if (!Number.isFinite(at)) throw invalid(`start_time ${JSON.stringify(startTime)} is not a real date and time`);
  if (at > nowMs + MAX_AHEAD_MS) throw invalid("start_time must be within a year from now");
  return Math.max(at, nowMs);
}

/** Date.parse wants "T" and "+hh:mm"; accept the space and "+hhmm" forms people also write. */
function normalizeIso(value: string): string {
  return value.replace(" ", "T").replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
}
