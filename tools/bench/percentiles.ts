/** Nearest-rank percentiles of a set of delays, for the agent sections. */
export interface Percentiles {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Nearest rank: the smallest sample with at least p of all samples at or below it. */
export function percentiles(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) throw new Error("no samples for percentiles");
  const rank = (p: number) => sorted[Math.min(Math.max(Math.ceil(p * n) - 1, 0), n - 1)] ?? Number.NaN;
  return { count: n, p50: rank(0.5), p90: rank(0.9), p99: rank(0.99), max: sorted[n - 1] ?? Number.NaN };
}

export function median(samples: readonly number[]): number {
  return percentiles(samples).p50;
}
