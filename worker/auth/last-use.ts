import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { DirectoryDb } from "../shards/directory";
import { credentials } from "../db/schema";

/** Writing last-used on every request would double the writes; once a minute is enough. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** Notes that a credential (a key, a token, a session) was used, at most once a minute, after the answer. */
export function recordLastUse(ctx: { waitUntil(promise: Promise<unknown>): void }, db: DirectoryDb, credentialId: string, lastUsedAt: number | null, now = Date.now()): void {
  if (lastUsedAt !== null && lastUsedAt >= now - LAST_USED_RESOLUTION_MS) return;
  ctx.waitUntil(
    db
      .update(credentials)
      .set({ lastUsedAt: now })
      .where(and(eq(credentials.id, credentialId), or(isNull(credentials.lastUsedAt), lt(credentials.lastUsedAt, now - LAST_USED_RESOLUTION_MS))))
      .run()
      .catch((e: unknown) => console.error("could not record last use of", credentialId, e)),
  );
}
