/**
 * Staggering: each task's start is delayed by a random whole number of seconds within
 * [min, max] minutes after the create's start time, so a rack of phones does not act in
 * the same second (which platforms notice).
 */
export function staggeredStart(baseMs: number, minMinutes: number, maxMinutes: number, random = Math.random): number {
  const minSeconds = minMinutes * 60;
  const maxSeconds = maxMinutes * 60;
  const delaySeconds = minSeconds + Math.floor(random() * (maxSeconds - minSeconds + 1));
  return baseMs + delaySeconds * 1000;
}
