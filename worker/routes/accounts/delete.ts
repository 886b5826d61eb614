import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { parsePathId } from "../../http/path-id";
import { accounts } from "../../db/schema";
import type { AppEnv } from "../../env";
import { notFound } from "../../http/api-error";
import { success } from "../../http/envelope";

/**
 * `DELETE /accounts/{id}`. Its tag rows go with it through account_tags' ON DELETE
 * CASCADE, which D1 enforces on every query (its foreign_keys pragma is always on).
 * The phone's devices row stays: the phone is still there.
 */
export const deleteAccount = new Hono<AppEnv>().delete("/:id", async (c) => {
  const id = parsePathId(c.req.param("id"));
  const deleted = await c
    .get("db")
    .delete(accounts)
    .where(and(eq(accounts.workspaceId, c.get("workspace").id), eq(accounts.id, id)))
    .returning({ id: accounts.id });
  if (deleted.length === 0) throw notFound(`account ${id}`);
  return success(c, { id });
});
