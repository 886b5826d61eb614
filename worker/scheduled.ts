import { openDb } from "./db/client";
import type { Env } from "./env";
import { sweepPairings } from "./agents/pairing";
import { sweepStaleUploads } from "./materials/sweep-uploads";
import { archiveHistory } from "./retention/archive-run";

/**
 * The Worker's Cron Trigger (wrangler.toml `[triggers]`): housekeeping that no request does.
 * Each job is bounded per run and resumable, so a missed or repeated run changes nothing but
 * when the work is done.
 */
export async function scheduled(_controller: ScheduledController, env: Env): Promise<void> {
  const db = openDb(env.DB);
  const swept = await sweepStaleUploads(db, env.MEDIA, Date.now());
  if (swept > 0) console.log(`swept ${swept} multipart uploads never completed`);
  const pairings = await sweepPairings(db, Date.now());
  if (pairings > 0) console.log(`swept ${pairings} agent pairings expired a day ago`);
  const history = await archiveHistory(db, env.MEDIA, Date.now());
  if (history.days > 0) console.log(`history: ${history.moved} finished tasks moved from D1 to R2 in ${history.days} day objects (${history.conflicts} left for the next run)`);
}
