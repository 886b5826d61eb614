import { eq } from "drizzle-orm";
import { findAccount, toAccountJson } from "../../accounts/account-view";
import type { Db } from "../../db/client";
import { devices } from "../../db/schema";

/** The workspace's phones an account can be bound to, by serial. */
export async function phoneSerials(db: Db, workspaceId: string): Promise<string[]> {
  const rows = await db.select({ serial: devices.serial }).from(devices).where(eq(devices.workspaceId, workspaceId)).orderBy(devices.serial).all();
  return rows.map((row) => row.serial);
}

/** One account of the workspace as the API shows it, or undefined when it is not the workspace's. */
export async function accountOf(db: Db, workspaceId: string, id: number, now = Date.now()) {
  const row = await findAccount(db, workspaceId, id);
  return row === undefined ? undefined : toAccountJson(row, now);
}
