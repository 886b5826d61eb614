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

/** The nearest-rank median (a sample itself; summarize's median of an even count is the mean of the middle two). */
export function median(samples: readonly number[]): number {
  return percentiles(samples).p50;
}

/** What is printed of a set of timings. */
export interface Summary {
  runs: number;
  median: number;
  /** Nearest-rank 90th percentile: with 5 runs that is the slowest one. */
  p90: number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) throw new Error("no samples to summarize");
  const at = (i: number) => sorted[Math.min(Math.max(i, 0), n - 1)] ?? Number.NaN;
  const median = n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
  return { runs: n, median, p90: at(Math.ceil(0.9 * n) - 1) };
}

/**
 * Runs `once` `warmups` times unmeasured, then `runs` times, one after another; `once`
 * returns the milliseconds it measured itself (so checking an answer is not timed).
 */
export async function timeRuns(
  runs: number,
  warmups: number,
  once: () => Promise<number>,
  signal: AbortSignal,
): Promise<number[]> {
  for (let i = 0; i < warmups; i++) {
    signal.throwIfAborted();
    await once();
  }
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    signal.throwIfAborted();
    samples.push(await once());
  }
  return samples;
}

/** Milliseconds with one decimal, for tables. */
export function ms(value: number): string {
  return value.toFixed(1);
}
