import { type Db, openDb } from "../db/client";
import type { Env } from "../env";

declare const directoryBrand: unique symbol;

/**
 * The directory database (binding DB): workspaces, credentials and agent pairings, whichever
 * shard a workspace's data is on. A type of its own, so the compiler refuses a shard's handle
 * where a credential or a pairing is read or written (docs/shards.md).
 */
export type DirectoryDb = Db & { readonly [directoryBrand]: true };

export function openDirectory(env: Env): DirectoryDb {
  return openDb(env.DB) as DirectoryDb;
}
