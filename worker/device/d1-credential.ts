import { and, eq, isNull } from "drizzle-orm";
import type { DirectoryDb } from "../shards/directory";
import { credentials } from "../db/schema";

/** Whether the credential still exists, belongs to the workspace and is not revoked. */
export async function credentialIsLive(db: DirectoryDb, workspaceId: string, credentialId: string): Promise<boolean> {
  const row = await db
    .select({ id: credentials.id })
    .from(credentials)
    .where(and(eq(credentials.id, credentialId), eq(credentials.workspaceId, workspaceId), isNull(credentials.revokedAt)))
    .get();
  return row !== undefined;
}
