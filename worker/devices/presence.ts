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

/**
 * Online: an agent's connection for the phone is open (its object says so on hello and
 * on close) and its last heartbeat is fresh (a connection can die without a close).
 */
export function isOnline(connected: number, lastSeenAt: number | null, now: number): boolean {
  return connected === 1 && lastSeenAt !== null && lastSeenAt >= onlineCutoff(now);
}
