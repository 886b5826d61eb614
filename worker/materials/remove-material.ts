import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { type Material, materials } from "../db/schema";
import { conflict } from "../http/api-error";

/**
 * Deletes a material: the row (its tags cascade), then its bytes and thumbnail. The row goes
 * first: it is what a post picks from, so once it is gone nothing can claim the file; a failure
 * between the two leaves an unreferenced object, never a material without bytes. A material a
 * task holds between dispatch and publishing is 40901 until that task ends. The API's
 * `DELETE /materials/{id}` and the dashboard's library both delete through here.
 */
export async function removeMaterial(db: Db, bucket: R2Bucket, workspaceId: string, row: Material): Promise<void> {
  if (row.claimedByTaskId !== null) throw conflict(`material ${row.id} is held by task ${row.claimedByTaskId}, which may be posting it; delete it after that task ends`);
  await db.delete(materials).where(and(eq(materials.workspaceId, workspaceId), eq(materials.id, row.id)));
  await bucket.delete(row.thumbnailKey === null ? [row.r2Key] : [row.r2Key, row.thumbnailKey]);
}
