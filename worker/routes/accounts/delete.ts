import { Hono } from "hono";
import { deleteAccount as remove } from "../../accounts/delete-account";
import type { AppEnv } from "../../env";
import { success } from "../../http/envelope";
import { parsePathId } from "../../http/path-id";

/** `DELETE /accounts/{id}`: its tags go with it, its phone stays (worker/accounts/delete-account.ts). */
export const deleteAccount = new Hono<AppEnv>().delete("/:id", async (c) => {
  const id = parsePathId(c.req.param("id"));
  return success(c, await remove(c.get("db"), c.get("workspace").id, id));
});
