import { eq } from "drizzle-orm";
import { type CredentialKind, hashSecret, parseCredential } from "../../shared/credentials";
import type { DirectoryDb } from "../shards/directory";
import { credentials, workspaces, type Workspace } from "../db/schema";

export interface Authenticated {
  credentialId: string;
  lastUsedAt: number | null;
  workspace: Workspace;
}

/**
 * Finds the workspace a presented credential of `kind` belongs to, or says why not.
 * The row is found by the credential's public id and the secret's hash is compared in
 * constant time, so response timing reveals nothing about how much of a guess was right.
 */
export async function authenticate(
  db: DirectoryDb,
  presented: string,
  kind: CredentialKind,
  now = Date.now(),
): Promise<Authenticated | { refused: string }> {
  const parsed = parseCredential(presented);
  if (parsed === null) return { refused: "invalid API key" };
  const row = await db
    .select({ credential: credentials, workspace: workspaces })
    .from(credentials)
    .innerJoin(workspaces, eq(workspaces.id, credentials.workspaceId))
    .where(eq(credentials.id, parsed.id))
    .get();
  const presentedHash = await hashSecret(parsed.secret);
  // Compare even when no row exists, so a missing id costs the same time as a wrong secret.
  const matches = timingSafeEqualHex(presentedHash, row?.credential.secretHash ?? "0".repeat(64));
  if (row === undefined || !matches || row.credential.revokedAt !== null) return { refused: "invalid API key" };
  if (row.credential.expiresAt !== null && row.credential.expiresAt <= now) return { refused: "expired" };
  if (row.credential.kind !== kind) {
    return {
      refused: kind === "api_key" ? "an agent token cannot call the user API" : "an API key cannot connect as an agent",
    };
  }
  return { credentialId: row.credential.id, lastUsedAt: row.credential.lastUsedAt, workspace: row.workspace };
}

function timingSafeEqualHex(a: string, b: string): boolean {
  const encoder = new TextEncoder();
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  if (left.byteLength !== right.byteLength) return false;
  return crypto.subtle.timingSafeEqual(left, right);
}
