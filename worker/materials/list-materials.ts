import { and, count, desc, eq, inArray, isNotNull, isNull, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { type Material, materials, materialTags, type MediaType } from "../db/schema";
import { tagsOf } from "./material-view";

export interface MaterialFilters {
  tag?: string | undefined;
  type?: MediaType | undefined;
  used?: boolean | undefined;
  username?: string | undefined;
}

/**
 * A page of the library, newest first (the newest upload is the one a user looks for), with
 * each material's tags and the filtered total: `GET /materials` and the dashboard's library.
 */
export async function listMaterials(db: Db, workspaceId: string, filters: MaterialFilters, limit: number, offset: number): Promise<{ rows: Material[]; tags: Map<number, string[]>; total: number }> {
  const conditions: (SQL | undefined)[] = [
    eq(materials.workspaceId, workspaceId),
    filters.type === undefined ? undefined : eq(materials.mediaType, filters.type),
    filters.used === undefined ? undefined : filters.used ? isNotNull(materials.usedAt) : isNull(materials.usedAt),
    filters.username === undefined ? undefined : eq(materials.username, filters.username),
    filters.tag === undefined
      ? undefined
      : inArray(
          materials.id,
          db
            .select({ id: materialTags.materialId })
            .from(materialTags)
            .where(and(eq(materialTags.workspaceId, workspaceId), eq(materialTags.tag, filters.tag))),
        ),
  ];
  const where = and(...conditions);
  const [totals, rows] = await db.batch([
    db.select({ total: count() }).from(materials).where(where),
    db.select().from(materials).where(where).orderBy(desc(materials.id)).limit(limit).offset(offset),
  ]);
  const tags = await tagsOf(db, workspaceId, rows.map((row) => row.id));
  return { rows, tags, total: totals[0]?.total ?? 0 };
}
