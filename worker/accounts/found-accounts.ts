import { and, eq, sql } from "drizzle-orm";
import type { FoundAccount } from "../../shared/protocol/messages";
import type { Db } from "../db/client";
import { accounts, tasks } from "../db/schema";

/**
 * What match_accounts found on a phone becomes the workspace's accounts: a name not known yet is
 * created, one known is bound to this phone with its package, and both are marked logged in.
 * Idempotent (a second run changes nothing but the times), so `usernames` mode then works without
 * typing the accounts in. Written only for a completed match_accounts task of this phone.
 */
export async function bindFoundAccounts(db: Db, workspaceId: string, serial: string, taskId: number, found: readonly FoundAccount[], now: number): Promise<void> {
  const task = await db
    .select({ scriptName: tasks.scriptName, serial: tasks.serial })
    .from(tasks)
    .where(and(eq(tasks.id, taskId), eq(tasks.workspaceId, workspaceId)))
    .get();
  if (task?.scriptName !== "match_accounts" || task.serial !== serial) return;
  const statements = found.map((account) =>
    db
      .insert(accounts)
      .values({ workspaceId, username: account.username, platform: account.platform, packageName: account.package_name, device: serial, logined: 1, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [accounts.workspaceId, accounts.platform, accounts.username],
        set: { device: serial, packageName: sql`excluded.package_name`, logined: 1, updatedAt: now },
      }),
  );
  const [first, ...rest] = statements;
  if (first !== undefined) await db.batch([first, ...rest]);
}
