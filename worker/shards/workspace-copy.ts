import { getTableColumns, sql } from "drizzle-orm";
import { type AnySqliteDb, type Db, openDb } from "../db/client";
import { type Workspace, workspaces } from "../db/schema";
import type { Env } from "../env";
import { DIRECTORY, shardBinding } from "./shard-bindings";

const copiedColumns = Object.fromEntries(
  Object.entries(getTableColumns(workspaces))
    .filter(([key]) => key !== "id")
    .map(([key, column]) => [key, sql.raw(`excluded.${column.name}`)]),
);

/**
 * Writes these directory rows into a shard's `workspaces`: the copy the shard's own statements
 * read (a claim's device limit, an ending's max_retry_count, the battery limits, the retention)
 * and its foreign keys point at. A copy is replaced only by a later revision, so two writers
 * racing with an old and a new row leave the new one, whatever their order.
 */
export function copyWorkspaces<D extends AnySqliteDb>(db: D, rows: readonly Workspace[]) {
  return db
    .insert(workspaces)
    .values([...rows])
    .onConflictDoUpdate({ target: workspaces.id, set: copiedColumns, setWhere: sql`${workspaces.revision} < excluded.revision` });
}

/**
 * The revision of each workspace this isolate has written to its shard. A request that finds
 * its workspace at a revision not yet copied (new, or changed by any writer since) copies the
 * row before it touches the shard: one statement, once per isolate and change. A few bytes a
 * workspace, and workspaces are few.
 */
const copied = new Map<string, number>();

/**
 * The database holding `workspace`'s tasks, phones, accounts and library, with its copy of the
 * workspace row up to the directory's: what a request of that workspace runs on.
 */
export async function workspaceDb(env: Env, workspace: Workspace): Promise<Db> {
  const db = openDb(shardBinding(env, workspace.shard));
  if (workspace.shard !== DIRECTORY && copied.get(workspace.id) !== workspace.revision) {
    await copyWorkspaces(db, [workspace]).run();
    copied.set(workspace.id, workspace.revision);
  }
  return db;
}
