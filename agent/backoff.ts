/**
 * Reconnect delays: exponential from `initialMs`, capped at `maxMs`, each spread by
 * ±`jitter` so that a PC's phones (and a studio's PCs) do not all come back in the same
 * instant after the server restarts.
 */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** 0.2 means ±20 %. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 30_000, jitter: 0.2 };

/** The delay before reconnect number `attempt` (0 for the first after a drop). */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number {
  const base = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(base * (1 + policy.jitter * (2 * random() - 1)));
}
