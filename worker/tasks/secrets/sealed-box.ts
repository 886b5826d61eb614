/**
 * AES-256-GCM for the few values a task must keep secret (a ChatGPT api_key): sealed at create,
 * opened only when the task's run is sent to its agent. The key is the deployment's
 * TASK_SECRETS_KEY secret (32 random bytes, base64); the workspace's id is bound in as
 * additional data, so a sealed value copied into another workspace's row does not open.
 *
 * Format: `v1.<iv>.<ciphertext and tag>`, both base64url: the version names the scheme, so
 * a later key rotation can add `v2` beside it.
 */
const VERSION = "v1";
const IV_BYTES = 12;

export class SecretsKeyError extends Error {}

/** The key from its configured text: 32 bytes in base64 or base64url; a clear error otherwise. */
export async function importSecretsKey(configured: string | undefined): Promise<CryptoKey> {
  if (configured === undefined || configured.trim() === "") throw new SecretsKeyError("the deployment has no TASK_SECRETS_KEY secret");
  const bytes = fromBase64Url(configured.trim());
  if (bytes === undefined || bytes.length !== 32) throw new SecretsKeyError("TASK_SECRETS_KEY is not 32 bytes in base64");
  return crypto.subtle.importKey("raw", bytes, "AES-GCM", false, ["encrypt", "decrypt"]);
}

export async function seal(key: CryptoKey, workspaceId: string, plain: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: additionalData(workspaceId) }, key, new TextEncoder().encode(plain));
  return `${VERSION}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
}

/** The plain text, or undefined when the box is malformed, of another workspace, or sealed with another key. */
export async function open(key: CryptoKey, workspaceId: string, box: string): Promise<string | undefined> {
  const [version, ivText, sealedText, ...rest] = box.split(".");
  if (version !== VERSION || rest.length > 0) return undefined;
  const iv = fromBase64Url(ivText ?? "");
  const sealed = fromBase64Url(sealedText ?? "");
  if (iv?.length !== IV_BYTES || sealed === undefined) return undefined;
  try {
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv, additionalData: additionalData(workspaceId) }, key, sealed);
    return new TextDecoder().decode(plain);
  } catch {
    return undefined; // the tag did not match
  }
}

function additionalData(workspaceId: string): Uint8Array {
  return new TextEncoder().encode(`tikmatrix-edge task secrets ${VERSION} workspace ${workspaceId}`);
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array | undefined {
  const bare = text.replace(/=+$/, "").replaceAll("-", "+").replaceAll("_", "/");
  if (!/^[A-Za-z0-9+/]*$/.test(bare) || bare.length % 4 === 1) return undefined;
  const binary = atob(bare.padEnd(Math.ceil(bare.length / 4) * 4, "="));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
