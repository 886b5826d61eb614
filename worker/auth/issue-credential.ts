import { type CredentialKind, generateCredential } from "../../shared/credentials";
import type { DirectoryDb } from "../shards/directory";
import { credentials } from "../db/schema";

/** Makes a credential of the workspace and stores only its hash; the whole token is returned once. */
export async function issueCredential(db: DirectoryDb, workspaceId: string, kind: CredentialKind, name: string, expiresAt: number | null, now = Date.now()): Promise<{ id: string; token: string }> {
  const credential = await generateCredential(kind);
  await db.insert(credentials).values({ id: credential.id, workspaceId, kind, name, secretHash: credential.secretHash, createdAt: now, lastUsedAt: kind === "web_session" ? now : null, expiresAt });
  return { id: credential.id, token: credential.token };
}
