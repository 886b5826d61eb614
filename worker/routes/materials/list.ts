import { Hono } from "hono";
import { z } from "zod";
import { tagSchema } from "../../accounts/fields";
import type { AppEnv } from "../../env";
import { success } from "../../http/envelope";
import { offsetOf, pageQuery, readQuery } from "../../http/query";
import { materialUsernameSchema, mediaTypeSchema } from "../../materials/fields";
import { listMaterials } from "../../materials/list-materials";
import { toMaterialJson } from "../../materials/material-view";

const listQuery = z.object({
  tag: tagSchema.optional(),
  type: mediaTypeSchema.optional(),
  used: z.enum(["0", "1"]).optional(),
  username: materialUsernameSchema.optional(),
  ...pageQuery,
});

/** `GET /materials`: the library, newest first, with TikMatrix's paging. */
export const listMaterialsRoute = new Hono<AppEnv>().get("/", async (c) => {
  const query = readQuery(c, listQuery);
  const filters = { tag: query.tag, type: query.type, used: query.used === undefined ? undefined : query.used === "1", username: query.username };
  const { rows, tags, total } = await listMaterials(c.get("db"), c.get("workspace").id, filters, query.page_size, offsetOf(query.page, query.page_size));
  return success(c, {
    materials: rows.map((row) => toMaterialJson(row, tags.get(row.id) ?? [])),
    total,
    page: query.page,
    page_size: query.page_size,
  });
});
