import { openDb } from "./db/client";
import type { Env } from "./env";
import { sweepPairings } from "./agents/pairing";
import { sweepStaleUploads } from "./materials/sweep-uploads";
import { archiveHistory } from "./retention/archive-run";
import { openDirectory } from "./shards/directory";
import { refreshShardCopies } from "./shards/shard-copies";
import { DIRECTORY, shardBinding, shardNames } from "./shards/shard-bindings";
import { shardsOfRun } from "./shards/shards-of-run";

/**
 * The Worker's Cron Trigger (wrangler.toml `[triggers]`): housekeeping that no request does.
 * Each job is bounded per run and resumable, so a missed or repeated run changes nothing but
 * when the work is done. The directory's jobs run once; a shard's on each shard of the run
 * (shardsOfRun), one shard's failure leaving the others' work done.
 */
export async function scheduled(controller: ScheduledController, env: Env): Promise<void> {
  const now = Date.now();
  const directory = openDirectory(env);
  const pairings = await sweepPairings(directory, now);
  if (pairings > 0) console.log(`swept ${pairings} agent pairings expired a day ago`);
  const failures: unknown[] = [];
  for (const shard of shardsOfRun(shardNames(env), controller.scheduledTime)) {
    try {
      const db = openDb(shardBinding(env, shard));
      if (shard !== DIRECTORY) await refreshShardCopies(directory, db, shard);
      const swept = await sweepStaleUploads(db, env.MEDIA, now);
      if (swept > 0) console.log(`${shard}: swept ${swept} multipart uploads never completed`);
      const history = await archiveHistory(db, env.MEDIA, now);
      if (history.days > 0) console.log(`${shard}: ${history.moved} finished tasks moved from D1 to R2 in ${history.days} day objects (${history.conflicts} left for the next run)`);
    } catch (error) {
      console.error(`${shard}: housekeeping failed; the next run takes it up`, error);
      failures.push(error);
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, `housekeeping failed on ${failures.length} shard(s)`);
}
