/**
 * The history is kept by UTC day of a task's finished_at: `YYYY-MM-DD`, which sorts as the
 * days do, names one R2 object per workspace and day, and never shifts with a workspace's
 * time zone (a zone changed later would otherwise move tasks between objects).
 */
export const DAY_MS = 86_400_000;

export type UtcDay = string;

export function utcDayOf(epochMs: number): UtcDay {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** The day's first millisecond. */
export function startOfDay(day: UtcDay): number {
  return Date.parse(`${day}T00:00:00.000Z`);
}

export function startOfUtcDayAt(epochMs: number): number {
  return epochMs - (((epochMs % DAY_MS) + DAY_MS) % DAY_MS);
}

export function dayAfter(day: UtcDay): UtcDay {
  return utcDayOf(startOfDay(day) + DAY_MS);
}

/**
 * Tasks finished before this have been kept `retentionDays` whole UTC days and may leave D1.
 * Counted from the start of today, so a day moves whole, once it has ended `retentionDays`
 * days ago (a task is kept between `retentionDays` and `retentionDays` + 1 days).
 */
export function retentionCutoff(now: number, retentionDays: number): number {
  return startOfUtcDayAt(now) - retentionDays * DAY_MS;
}
