import { Hono } from "hono";
import { z } from "zod";
import { updateAccount as update } from "../../accounts/update-account";
import type { AppEnv } from "../../env";
import { success } from "../../http/envelope";
import { readJson } from "../../http/json-body";
import { parsePathId } from "../../http/path-id";

/** `PATCH /accounts/{id}`: the named fields change, the rest stay; `tags` replaces them all (worker/accounts/update-account.ts). */
export const updateAccount = new Hono<AppEnv>().patch("/:id", async (c) => {
  const id = parsePathId(c.req.param("id"));
  const body = await readJson(c, z.unknown());
  return success(c, await update(c.get("db"), c.get("workspace").id, id, body));
});
