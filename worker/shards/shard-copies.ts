import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { chunk } from "../db/chunk";
import { D1_MAX_BOUND_PARAMETERS } from "../db/param-limit";
import { type Workspace, workspaces } from "../db/schema";
import type { DirectoryDb } from "./directory";
import { copyWorkspaces } from "./workspace-copy";

/**
 * The Cron Trigger's repair of a shard's copies of its workspaces' rows: a change no request
 * has carried to the shard yet (an admin's set-plan, a settings write whose copy failed)
 * arrives within the hour even if no request comes. Workspaces are few, so this reads them
 * all; answers how many copies the shard holds now.
 */
export async function refreshShardCopies(directory: DirectoryDb, shard: Db, name: string): Promise<number> {
  const rows = await directory.select().from(workspaces).where(eq(workspaces.shard, name)).all();
  const [first, ...rest] = chunk(rows, rowsPerStatement(shard, rows));
  if (first !== undefined) await shard.batch([copyWorkspaces(shard, first), ...rest.map((group) => copyWorkspaces(shard, group))]);
  return rows.length;
}

/** Rows of one copy statement under D1's parameter limit, read off the statement for one row. */
function rowsPerStatement(db: Db, rows: readonly Workspace[]): number {
  const first = rows[0];
  if (first === undefined) return 1;
  return Math.max(1, Math.floor(D1_MAX_BOUND_PARAMETERS / copyWorkspaces(db, [first]).toSQL().params.length));
}
