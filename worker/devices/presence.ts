/**
 * Device presence, after STF: an agent sends each phone's heartbeat about every 10 s, and a
 * link silent for 30 s (three missed beats, so a slow network does not flap a phone offline)
 * is gone. The phone's object keeps the heartbeats to itself and tells D1 of transitions
 * only: `connected` is 1 from hello until the link closes or its alarm finds it silent
 * (worker/device/device-object.ts noticeSilence), and `last_seen_at` is the last frame at
 * that moment. A heartbeat costs D1 nothing, so 10,000 phones cost it no writes while idle
 * (docs/scale.md). Every "online" the API shows comes from here.
 */

/** Online: the phone's object holds a live link for it. */
export function isOnline(connected: number): boolean {
  return connected === 1;
}

/**
 * When the phone was last heard from, as the API shows it: now for an online phone (its
 * object heard from it within the silence window; D1 holds only when the link began), else
 * the last frame before its link ended.
 */
export function lastSeen(connected: number, lastSeenAt: number | null, now: number): number | null {
  return isOnline(connected) ? now : lastSeenAt;
}
