import { and, count, desc, eq, inArray, isNotNull, isNull, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { tagSchema } from "../../accounts/fields";
import { materials, materialTags } from "../../db/schema";
import type { AppEnv } from "../../env";
import { success } from "../../http/envelope";
import { offsetOf, pageQuery, readQuery } from "../../http/query";
import { materialUsernameSchema, mediaTypeSchema } from "../../materials/fields";
import { tagsOf, toMaterialJson } from "../../materials/material-view";

const listQuery = z.object({
  tag: tagSchema.optional(),
  type: mediaTypeSchema.optional(),
  used: z.enum(["0", "1"]).optional(),
  username: materialUsernameSchema.optional(),
  ...pageQuery,
});

/** `GET /materials`: the library, newest first, with TikMatrix's paging. */
export const listMaterials = new Hono<AppEnv>().get("/", async (c) => {
  const query = readQuery(c, listQuery);
  const db = c.get("db");
  const workspaceId = c.get("workspace").id;
  const filters: (SQL | undefined)[] = [
    eq(materials.workspaceId, workspaceId),
    query.type === undefined ? undefined : eq(materials.mediaType, query.type),
    query.used === undefined ? undefined : query.used === "1" ? isNotNull(materials.usedAt) : isNull(materials.usedAt),
    query.username === undefined ? undefined : eq(materials.username, query.username),
    query.tag === undefined
      ? undefined
      : inArray(
          materials.id,
          db
            .select({ id: materialTags.materialId })
            .from(materialTags)
            .where(and(eq(materialTags.workspaceId, workspaceId), eq(materialTags.tag, query.tag))),
        ),
  ];
  const where = and(...filters);
  const [totals, rows] = await db.batch([
    db.select({ total: count() }).from(materials).where(where),
    db.select().from(materials).where(where).orderBy(desc(materials.id)).limit(query.page_size).offset(offsetOf(query.page, query.page_size)),
  ]);
  const tags = await tagsOf(db, workspaceId, rows.map((row) => row.id));
  return success(c, {
    materials: rows.map((row) => toMaterialJson(row, tags.get(row.id) ?? [])),
    total: totals[0]?.total ?? 0,
    page: query.page,
    page_size: query.page_size,
  });
});
