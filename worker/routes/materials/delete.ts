import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { materials } from "../../db/schema";
import type { AppEnv } from "../../env";
import { conflict } from "../../http/api-error";
import { success } from "../../http/envelope";
import { materialOf } from "../../materials/material-id";

/**
 * `DELETE /materials/{id}`: the row (its tags cascade), then its bytes. The row goes first:
 * it is what a post picks from, so once it is gone nothing can claim the file; a failure
 * between the two leaves an unreferenced object, never a material without bytes. A material
 * a task holds between dispatch and publishing is 40901 until that task ends.
 */
export const deleteMaterial = new Hono<AppEnv>().delete("/:id{[0-9]+}", async (c) => {
  const db = c.get("db");
  const workspaceId = c.get("workspace").id;
  const row = await materialOf(db, workspaceId, c.req.param("id"));
  if (row.claimedByTaskId !== null) throw conflict(`material ${row.id} is held by task ${row.claimedByTaskId}, which may be posting it; delete it after that task ends`);
  await db.delete(materials).where(and(eq(materials.workspaceId, workspaceId), eq(materials.id, row.id)));
  await c.env.MEDIA.delete(row.r2Key);
  return success(c, { id: row.id, deleted: true });
});
