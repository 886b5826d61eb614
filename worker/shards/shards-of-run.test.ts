import { describe, expect, it } from "vitest";
import { SHARDS_PER_RUN, shardsOfRun } from "./shards-of-run";

const HOUR = 3_600_000;
const names = (n: number) => ["DB", ...Array.from({ length: n - 1 }, (_, i) => `DB_${i + 2}`)];

describe("the shards a Cron run does", () => {
  it("fit D1's 1,000 queries of one invocation: four shards at the history job's full budget", () => {
    expect(SHARDS_PER_RUN).toBe(4);
  });

  it("are all of them while they fit one run", () => {
    expect(shardsOfRun(names(4), 5 * HOUR)).toEqual(names(4));
  });

  it("past that, are taken in turn so every shard comes once in ceil(n / 4) hours, none twice", () => {
    const shards = names(10);
    const turns = [0, 1, 2].map((h) => shardsOfRun(shards, (1_000 + h) * HOUR));
    for (const turn of turns) expect(turn.length).toBeLessThanOrEqual(SHARDS_PER_RUN);
    expect(turns.flat().sort()).toEqual([...shards].sort());
    expect(shardsOfRun(shards, 1_003 * HOUR)).toEqual(turns[0]);
  });
});
