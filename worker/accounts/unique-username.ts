import type { Platform } from "../../shared/platforms";
import { conflict } from "../http/api-error";

/**
 * The accounts_username unique index, not a prior look-up, decides whether a username is
 * taken: a look-up and the write are separate D1 calls (no interactive transactions), so
 * two concurrent creates could both pass the look-up. The index refuses the second write
 * and this turns that refusal into a 40901. D1 and drizzle wrap the SQLite error, so the
 * whole cause chain is searched.
 */
export function asUsernameConflict(error: unknown, platform: Platform, username: string): unknown {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (/UNIQUE constraint failed: accounts\./.test(e.message)) {
      return conflict(`username ${JSON.stringify(username)} already exists on ${platform} in this workspace`);
    }
  }
  return error;
}
