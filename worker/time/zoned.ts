/**
 * Wall-clock time in a workspace's IANA zone, on nothing but Intl (workerd ships the
 * full time zone database). Times are stored as UTC epoch ms; zones matter only where a
 * person reads or writes a clock time: `start_time` "HH:MM" and the compat time strings.
 */
export interface WallClock {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isTimeZone(name: string): boolean {
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

export function wallClockAt(epochMs: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The zone's offset from UTC at an instant, in ms (positive east of Greenwich). */
function offsetAt(epochMs: number, timeZone: string): number {
  const wall = wallClockAt(epochMs, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}

/**
 * The instant a wall-clock time names in a zone. Around DST changes it behaves like
 * Temporal's "compatible" disambiguation: a time skipped by a spring-forward gap moves
 * forward by the gap (02:30 becomes 03:30), and a time that occurs twice in a fall-back
 * overlap means its first occurrence.
 */
export function instantOf(wall: Omit<WallClock, "second"> & { second?: number }, timeZone: string): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0);
  // The offset can only be one of the two around asUtc; try the earlier one first so an
  // overlap resolves to its first occurrence.
  const before = offsetAt(asUtc - 86_400_000, timeZone);
  const after = offsetAt(asUtc + 86_400_000, timeZone);
  const candidates = [asUtc - Math.max(before, after), asUtc - Math.min(before, after)];
  for (const candidate of candidates) {
    if (offsetAt(candidate, timeZone) === asUtc - candidate) return candidate;
  }
  // In a gap: read the clock with the offset in force before it, which lands after it.
  return asUtc - before;
}

/** "HH:MM" → the next time the zone's clocks show it: today if still ahead, else tomorrow. */
export function nextOccurrence(hour: number, minute: number, nowMs: number, timeZone: string): number {
  const today = wallClockAt(nowMs, timeZone);
  for (let dayOffset = 0; dayOffset <= 1; dayOffset++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + dayOffset));
    const candidate = instantOf(
      { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour, minute },
      timeZone,
    );
    if (candidate > nowMs) return candidate;
  }
  // Unreachable: tomorrow's time is always ahead of now.
  throw new Error(`no next occurrence of ${hour}:${minute} in ${timeZone}`);
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** TikMatrix's time format, "YYYY-MM-DD HH:MM:SS", on the zone's clock. */
export function formatCompat(epochMs: number, timeZone: string): string {
  const w = wallClockAt(epochMs, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

export function formatIso(epochMs: number | null): string | null {
  return epochMs === null ? null : new Date(epochMs).toISOString();
}
