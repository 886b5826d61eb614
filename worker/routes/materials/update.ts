import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { materials } from "../../db/schema";
import type { AppEnv } from "../../env";
import { success } from "../../http/envelope";
import { readJson } from "../../http/json-body";
import { materialFields } from "../../materials/fields";
import { materialOf } from "../../materials/material-id";
import { materialJson } from "../../materials/material-view";
import { deleteMaterialTags, insertMaterialTags } from "../../materials/tags";

/**
 * Any of the writable fields; `used: 0` puts a posted material back in the pool (its record
 * of who used it goes too), `used: 1` takes it out by hand. `tags` replaces them all.
 */
const updateBody = z.strictObject({ ...materialFields, used: z.literal([0, 1]) }).partial();

/** `PATCH /materials/{id}`: the row and its tags in one batch. */
export const updateMaterial = new Hono<AppEnv>().patch("/:id{[0-9]+}", async (c) => {
  const db = c.get("db");
  const workspaceId = c.get("workspace").id;
  // The body first, as every route does: a bad request is 40001 whatever it names.
  const body = await readJson(c, updateBody);
  const row = await materialOf(db, workspaceId, c.req.param("id"));
  const now = Date.now();
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
  const updated = await materialOf(db, workspaceId, String(row.id));
  return success(c, await materialJson(db, workspaceId, updated));
});
