import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { success } from "../../http/envelope";
import { materialOf } from "../../materials/material-id";
import { materialJson } from "../../materials/material-view";
import { materialContent } from "../../materials/content";

/** `GET /materials/{id}` and `GET /materials/{id}/content` (the bytes, with Range for previews). */
export const readMaterial = new Hono<AppEnv>()
  .get("/:id{[0-9]+}", async (c) => {
    const row = await materialOf(c.get("db"), c.get("workspace").id, c.req.param("id"));
    return success(c, await materialJson(c.get("db"), c.get("workspace").id, row));
  })
  .get("/:id{[0-9]+}/content", async (c) => {
    const row = await materialOf(c.get("db"), c.get("workspace").id, c.req.param("id"));
    return materialContent(c.env.MEDIA, row, c.req.raw.headers);
  });
