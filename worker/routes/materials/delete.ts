import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { success } from "../../http/envelope";
import { materialOf } from "../../materials/material-id";
import { removeMaterial } from "../../materials/remove-material";

/** `DELETE /materials/{id}`: the row, then its bytes (worker/materials/remove-material.ts). */
export const deleteMaterial = new Hono<AppEnv>().delete("/:id{[0-9]+}", async (c) => {
  const row = await materialOf(c.get("db"), c.get("workspace").id, c.req.param("id"));
  await removeMaterial(c.get("db"), c.env.MEDIA, c.get("workspace").id, row);
  return success(c, { id: row.id, deleted: true });
});
