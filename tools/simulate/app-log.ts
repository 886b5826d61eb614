import type { Post } from "../../fake-phone";

/** What the fake apps record (BaseApp): what happened, and what was posted. */
interface AppRecord {
  readonly events: readonly string[];
  readonly posts: readonly Post[];
}

export interface WatchedApp {
  serial: string;
  /** "TikTok", "Instagram". */
  label: string;
  app: AppRecord;
}

/** What a person would see on the phone's screen: the video arriving and the post going out. */
const SHOWN = /^(share|post|switch account)/;
const POLL_MS = 500;

/**
 * Shows, as `[phone <serial>] …` lines, what the simulated apps do: the agent prints only
 * its links, so without this a task would run on the phones with nothing to watch. The
 * apps keep an event list rather than emit events, hence a poll.
 */
export function logAppEvents(apps: readonly WatchedApp[], out: NodeJS.WritableStream = process.stdout): () => void {
  const seen = apps.map(({ app }) => app.events.length);
  const timer = setInterval(() => {
    apps.forEach(({ serial, label, app }, i) => {
      const fresh = app.events.slice(seen[i]);
      seen[i] = app.events.length;
      for (const event of fresh.filter((e) => SHOWN.test(e))) {
        const post = event.startsWith("post ") && !event.startsWith("post failed") ? app.posts.at(-1) : undefined;
        const caption = post === undefined ? "" : `: ${JSON.stringify(post.caption)}`;
        out.write(`[phone ${serial}] ${label}: ${event}${caption}\n`);
      }
    });
  }, POLL_MS);
  // Never what keeps the process alive: stopping the phones clears it anyway.
  timer.unref();
  return () => clearInterval(timer);
}
