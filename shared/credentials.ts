/**
 * API keys and agent tokens. A credential reads `<id>_<secret>`, where the id is public
 * (it names the credential in listings and in `admin revoke`) and says the kind by its
 * prefix. Only SHA-256 of the secret is stored: the secret has 256 random bits, so a
 * fast hash is enough, and a leaked database gives no usable key.
 */
export const CREDENTIAL_KINDS = {
  api_key: "tmk",
  agent_token: "tma",
  /** The dashboard's signed-in browser: the HttpOnly cookie's value, expiring (worker/web/session/). */
  web_session: "tms",
  /** A one-time sign-in link (`admin create-login`): valid 15 minutes, spent when used. */
  login_link: "tml",
} as const;

export type CredentialKind = keyof typeof CREDENTIAL_KINDS;

/** The kinds the admin issues to people and PCs, which never expire: API keys and agent tokens. */
export type StandingKind = Extract<CredentialKind, "api_key" | "agent_token">;

const ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"; // 32 letters, no look-alikes
const ID_RANDOM_LENGTH = 12;
const ID_LENGTH = 4 + ID_RANDOM_LENGTH; // "tmk_" + random
const SECRET_BYTES = 32;
const SECRET_LENGTH = 43; // base64url of 32 bytes, unpadded

export interface NewCredential {
  kind: CredentialKind;
  id: string;
  /** The whole credential, shown to the user once and never stored. */
  token: string;
  secretHash: string;
}

export interface ParsedCredential {
  kind: CredentialKind;
  id: string;
  secret: string;
}

export async function generateCredential(kind: CredentialKind): Promise<NewCredential> {
  const idBytes = crypto.getRandomValues(new Uint8Array(ID_RANDOM_LENGTH));
  // 32 letters: the low five bits of each byte pick one with no bias.
  const random = Array.from(idBytes, (b) => ID_ALPHABET[b & 31]).join("");
  const id = `${CREDENTIAL_KINDS[kind]}_${random}`;
  const secret = base64url(crypto.getRandomValues(new Uint8Array(SECRET_BYTES)));
  return { kind, id, token: `${id}_${secret}`, secretHash: await hashSecret(secret) };
}

/** Splits a presented credential; null when it cannot be one of ours. */
export function parseCredential(token: string): ParsedCredential | null {
  if (token.length !== ID_LENGTH + 1 + SECRET_LENGTH || token[ID_LENGTH] !== "_") return null;
  const id = token.slice(0, ID_LENGTH);
  const kind = kindOfId(id);
  if (kind === null) return null;
  return { kind, id, secret: token.slice(ID_LENGTH + 1) };
}

export function kindOfId(id: string): CredentialKind | null {
  if (id.length !== ID_LENGTH) return null;
  for (const [kind, prefix] of Object.entries(CREDENTIAL_KINDS) as [CredentialKind, string][]) {
    if (id.startsWith(`${prefix}_`)) return kind;
  }
  return null;
}

export async function hashSecret(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Unpadded base64url, as credentials and other random secrets are written. */
export function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
