import { openDb } from "./db/client";
import type { Env } from "./env";
import { sweepStaleUploads } from "./materials/sweep-uploads";

/**
 * The Worker's Cron Trigger (wrangler.toml `[triggers]`): housekeeping that no request does.
 * Each job is bounded per run and resumable, so a missed or repeated run changes nothing but
 * when the work is done.
 */
export async function scheduled(_controller: ScheduledController, env: Env): Promise<void> {
  const swept = await sweepStaleUploads(openDb(env.DB), env.MEDIA, Date.now());
  if (swept > 0) console.log(`swept ${swept} multipart uploads never completed`);
}
