/**
 * Device presence, after STF: an agent heartbeats each phone about every 10 s, and a phone
 * whose last heartbeat is older than 30 s is offline. Three missed beats, not one, so a
 * slow network does not flap a phone offline. Every "online" the API shows comes from here.
 */
export const PRESENCE_WINDOW_MS = 30_000;

/** The oldest `last_seen_at` that still counts as online at `now`. */
export function onlineCutoff(now: number): number {
  return now - PRESENCE_WINDOW_MS;
}

export function isOnline(lastSeenAt: number | null, now: number): boolean {
  return lastSeenAt !== null && lastSeenAt >= onlineCutoff(now);
}
