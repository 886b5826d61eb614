import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { accounts } from "../db/schema";
import { notFound } from "../http/api-error";

/**
 * Deletes one account of the workspace: the one path for `DELETE /api/v1/accounts/{id}` and the
 * dashboard's confirmed delete; 40401 when it is not the workspace's. Its tag rows go with it
 * through account_tags' ON DELETE CASCADE, which D1 enforces on every query (its foreign_keys
 * pragma is always on). The phone's devices row stays: the phone is still there.
 */
export async function deleteAccount(db: Db, workspaceId: string, id: number): Promise<{ id: number }> {
  const deleted = await db
    .delete(accounts)
    .where(and(eq(accounts.workspaceId, workspaceId), eq(accounts.id, id)))
    .returning({ id: accounts.id });
  if (deleted.length === 0) throw notFound(`account ${id}`);
  return { id };
}
