import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { materials, materialTags } from "../db/schema";

/**
 * Writes the tag rows of one material, found by id, or by its R2 key when it is inserted in
 * the same batch and has no id yet (a fresh key matches only the row that batch inserted, so
 * a duplicate upload, whose insert did nothing, adds no tags to the material it duplicates). The tags travel as one JSON parameter
 * expanded by json_each, as accounts' do (worker/accounts/tags.ts).
 */
export function insertMaterialTags(db: Db, workspaceId: string, target: { id: number } | { r2Key: string }, tags: readonly string[]) {
  const match = "id" in target ? eq(materials.id, target.id) : eq(materials.r2Key, target.r2Key);
  return db
    .insert(materialTags)
    .select(
      sql`select ${materials.workspaceId}, "tag_list"."value", ${materials.id} from ${materials}, json_each(${JSON.stringify(tags)}) as "tag_list" where ${and(eq(materials.workspaceId, workspaceId), match)}`,
    );
}

export function deleteMaterialTags(db: Db, workspaceId: string, materialId: number) {
  return db.delete(materialTags).where(and(eq(materialTags.workspaceId, workspaceId), eq(materialTags.materialId, materialId)));
}
