/**
 * A seeded PRNG for the fuzz tests: the same seed gives the same requests, so a failure
 * printed as `seed=… route=… case=…` can be replayed exactly. No dependency: mulberry32
 * is a few lines and mixes well enough for picking test inputs.
 */

/**
 * The run's seed, printed in every failure and summary. To try another seed, or replay a
 * run printed with one, set it here: the tests run inside workerd, which the shell's
 * environment does not reach. Each case's input depends only on (seed, route, case number), so a printed case
 * comes back the same whatever ran before it.
 */
export const FUZZ_SEED = 0x7a11_c0de;

export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One case's seed from the run's seed, a label (the route) and the case's number, so any
 * case can be rebuilt alone, whatever ran before it (FNV-1a over the label, then mixed).
 */
export function caseSeed(runSeed: number, label: string, index: number): number {
  let h = 0x811c9dc5 ^ runSeed;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  return Math.imul(h ^ index, 0x9e3779b1) >>> 0;
}

export class Rng {
  private readonly next: () => number;

  constructor(readonly seed: number) {
    this.next = mulberry32(seed);
  }

  float(): number {
    return this.next();
  }

  /** A whole number in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[this.int(0, items.length - 1)] as T;
  }

  /** Picks by weight: `[[3, "a"], [1, "b"]]` gives "a" three times as often. */
  weighted<T>(table: readonly (readonly [number, T])[]): T {
    const total = table.reduce((sum, [w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [w, value] of table) {
      roll -= w;
      if (roll < 0) return value;
    }
    const last = table[table.length - 1];
    if (last === undefined) throw new Error("weighted pick from an empty table");
    return last[1];
  }
}
