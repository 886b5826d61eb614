import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { type Material, materials } from "../db/schema";
import { materialFields } from "./fields";
import { deleteMaterialTags, insertMaterialTags } from "./tags";

/**
 * Any of the writable fields; `used: 0` puts a posted material back in the pool (its record
 * of who used it goes too), `used: 1` takes it out by hand. `tags` replaces them all.
 */
export const materialUpdateBody = z.strictObject({ ...materialFields, used: z.literal([0, 1]) }).partial();
export type MaterialUpdate = z.output<typeof materialUpdateBody>;

/** The row and its tags in one batch: `PATCH /materials/{id}` and the dashboard's library. */
export async function updateMaterial(db: Db, workspaceId: string, row: Material, body: MaterialUpdate, now = Date.now()): Promise<void> {
  const set = {
    ...(body.caption === undefined ? {} : { caption: body.caption }),
    ...(body.username === undefined ? {} : { username: body.username }),
    ...(body.sort_key === undefined ? {} : { sortKey: body.sort_key }),
    ...(body.used === undefined ? {} : body.used === 1 ? { usedAt: row.usedAt ?? now } : { usedAt: null, usedByTaskId: null, usedByUsername: null }),
  };
  const where = and(eq(materials.workspaceId, workspaceId), eq(materials.id, row.id));
  const tags = body.tags;
  await db.batch([
    Object.keys(set).length > 0 ? db.update(materials).set(set).where(where) : db.select({ id: materials.id }).from(materials).where(where),
    ...(tags === undefined ? [] : [deleteMaterialTags(db, workspaceId, row.id), ...(tags.length > 0 ? [insertMaterialTags(db, workspaceId, { id: row.id }, tags)] : [])]),
  ]);
}
