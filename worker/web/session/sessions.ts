import { and, eq, isNull } from "drizzle-orm";
import { issueCredential } from "../../auth/issue-credential";
import type { DirectoryDb } from "../../shards/directory";
import { credentials } from "../../db/schema";

/** A dashboard session lasts this long from sign-in; signing in again starts a new one. */
export const SESSION_MS = 30 * 24 * 3600_000;

/**
 * A session is a credential of its own kind (`web_session`): its secret is the cookie's
 * value, only its hash is stored, it expires, and Settings lists and revokes it like a key.
 * It can never call the API or act as an agent: those check their own kinds.
 */
export async function startSession(db: DirectoryDb, workspaceId: string, browser: string, now = Date.now()): Promise<string> {
  return (await issueCredential(db, workspaceId, "web_session", browser, now + SESSION_MS, now)).token;
}

/** Ends a session or spends a sign-in link: true only for the one call that did it (a link is used once). */
export async function revokeCredential(db: DirectoryDb, workspaceId: string, credentialId: string, now = Date.now()): Promise<boolean> {
  const done = await db
    .update(credentials)
    .set({ revokedAt: now })
    .where(and(eq(credentials.id, credentialId), eq(credentials.workspaceId, workspaceId), isNull(credentials.revokedAt)))
    .returning({ id: credentials.id });
  return done.length === 1;
}

/** "Chrome on Android": enough to tell one's sessions apart in Settings, nothing more of the user agent is kept. */
export function browserOf(userAgent: string | undefined): string {
  const ua = userAgent ?? "";
  const browser = /Edg\//.test(ua) ? "Edge" : /Firefox\//.test(ua) ? "Firefox" : /Chrom(e|ium)\//.test(ua) ? "Chrome" : /Safari\//.test(ua) ? "Safari" : "a browser";
  const system = /Android/.test(ua) ? "Android" : /iPhone|iPad/.test(ua) ? "iOS" : /Windows/.test(ua) ? "Windows" : /Mac OS X/.test(ua) ? "macOS" : /Linux/.test(ua) ? "Linux" : "";
  return system === "" ? browser : `${browser} on ${system}`;
}
