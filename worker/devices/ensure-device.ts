import type { Db } from "../db/client";
import { devices } from "../db/schema";

/**
 * The statement that makes a serial known to the workspace, a no-op when it already is.
 * Used inside a caller's db.batch, so the row appears exactly when the thing naming the
 * serial (an account binding) is written, and not at all when that write fails.
 */
export function ensureDevice(db: Db, workspaceId: string, serial: string, now: number) {
  return db.insert(devices).values({ workspaceId, serial, createdAt: now }).onConflictDoNothing();
}
