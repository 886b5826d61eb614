import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { type Material, materials, materialTags } from "../db/schema";

/** A material as the API shows it: snake_case, tags sorted, "used" as TikMatrix's 0/1. */
export function toMaterialJson(row: Material, tags: readonly string[]) {
  return {
    id: row.id,
    file_name: row.fileName,
    media_type: row.mediaType,
    content_type: row.contentType,
    size: row.size,
    sha256: row.sha256,
    tags: [...tags].sort(),
    caption: row.caption,
    username: row.username,
    sort_key: row.sortKey,
    used: row.usedAt === null ? 0 : 1,
    used_at: row.usedAt,
    used_by_task_id: row.usedByTaskId,
    used_by_username: row.usedByUsername,
    claimed_by_task_id: row.claimedByTaskId,
    created_at: row.createdAt,
  };
}

export type MaterialJson = ReturnType<typeof toMaterialJson>;

export async function findMaterial(db: Db, workspaceId: string, id: number): Promise<Material | undefined> {
  const [row] = await db.select().from(materials).where(and(eq(materials.workspaceId, workspaceId), eq(materials.id, id)));
  return row;
}

/** The tags of each material, in one query (materials are listed a page at a time). */
export async function tagsOf(db: Db, workspaceId: string, ids: readonly number[]): Promise<Map<number, string[]>> {
  const byId = new Map<number, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byId;
  const rows = await db
    .select({ materialId: materialTags.materialId, tag: materialTags.tag })
    .from(materialTags)
    .where(and(eq(materialTags.workspaceId, workspaceId), inArray(materialTags.materialId, [...ids])));
  for (const row of rows) byId.get(row.materialId)?.push(row.tag);
  return byId;
}

export async function materialJson(db: Db, workspaceId: string, row: Material): Promise<MaterialJson> {
  return toMaterialJson(row, (await tagsOf(db, workspaceId, [row.id])).get(row.id) ?? []);
}
