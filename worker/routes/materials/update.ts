import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { success } from "../../http/envelope";
import { readJson } from "../../http/json-body";
import { materialOf } from "../../materials/material-id";
import { materialJson } from "../../materials/material-view";
import { materialUpdateBody, updateMaterial } from "../../materials/update-material";

/** `PATCH /materials/{id}`: the named fields change (worker/materials/update-material.ts). */
export const updateMaterialRoute = new Hono<AppEnv>().patch("/:id{[0-9]+}", async (c) => {
  const db = c.get("db");
  const workspaceId = c.get("workspace").id;
  // The body first, as every route does: a bad request is 40001 whatever it names.
  const body = await readJson(c, materialUpdateBody);
  const row = await materialOf(db, workspaceId, c.req.param("id"));
  await updateMaterial(db, workspaceId, row, body);
  return success(c, await materialJson(db, workspaceId, await materialOf(db, workspaceId, String(row.id))));
});
