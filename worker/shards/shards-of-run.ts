import { maxStatements, RUN_BUDGET } from "../retention/run-budget";

/** D1's limit of queries in one Worker invocation (a Cron run is one), less what the directory's jobs send. */
const RUN_QUERIES = 1000 - 50;

/**
 * Shards one Cron run can do whole: a shard's history move may send maxStatements(RUN_BUDGET)
 * (202), its upload sweep and copy refresh a few more. Four, for D1's 1,000.
 */
export const SHARDS_PER_RUN = Math.floor(RUN_QUERIES / (maxStatements(RUN_BUDGET) + 30));

const HOUR_MS = 3_600_000;

/**
 * The shards whose housekeeping this run does: all of them while they fit one run; past that,
 * SHARDS_PER_RUN of them, taken in turn hour by hour, so each shard's turn comes every
 * ceil(shards / SHARDS_PER_RUN) hours (docs/shards.md "Housekeeping").
 */
export function shardsOfRun(shards: readonly string[], scheduledTime: number): string[] {
  if (shards.length <= SHARDS_PER_RUN) return [...shards];
  const turns = Math.ceil(shards.length / SHARDS_PER_RUN);
  const turn = Math.floor(scheduledTime / HOUR_MS) % turns;
  return shards.slice(turn * SHARDS_PER_RUN, (turn + 1) * SHARDS_PER_RUN);
}
