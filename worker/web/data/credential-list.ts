import { and, desc, eq, gt, inArray, isNull, or } from "drizzle-orm";
import type { DirectoryDb } from "../../shards/directory";
import { type Credential, credentials } from "../../db/schema";

export type CredentialView = Pick<Credential, "id" | "kind" | "name" | "createdAt" | "lastUsedAt" | "revokedAt">;

/** The workspace's API keys (revoked ones too, marked) and its live sessions, newest first; never a hash. */
export async function keysAndSessions(db: DirectoryDb, workspaceId: string, now = Date.now()): Promise<{ keys: CredentialView[]; sessions: CredentialView[] }> {
  const rows = await db
    .select({ id: credentials.id, kind: credentials.kind, name: credentials.name, createdAt: credentials.createdAt, lastUsedAt: credentials.lastUsedAt, revokedAt: credentials.revokedAt })
    .from(credentials)
    .where(
      and(
        eq(credentials.workspaceId, workspaceId),
        inArray(credentials.kind, ["api_key", "web_session"]),
        or(eq(credentials.kind, "api_key"), and(isNull(credentials.revokedAt), gt(credentials.expiresAt, now))),
      ),
    )
    .orderBy(desc(credentials.createdAt))
    .limit(200)
    .all();
  return { keys: rows.filter((r) => r.kind === "api_key"), sessions: rows.filter((r) => r.kind === "web_session") };
}
