import type { SecretPath } from "../../../shared/scripts";
import { importSecretsKey, open, seal } from "./sealed-box";

/** A task's secret fields by dotted path (`chatgpt_settings.api_key`), as the client gave them. */
export type TaskSecrets = Record<string, string>;

/**
 * The config without its secret fields, and those fields: what is stored as `script_config`
 * (and shown by `GET /task`) never holds them. Only string values are secrets; the schema has
 * already refused anything else there.
 */
export function takeSecrets(config: Record<string, unknown>, paths: readonly SecretPath[]): { config: Record<string, unknown>; secrets: TaskSecrets } {
  const kept = structuredClone(config);
  const secrets: TaskSecrets = {};
  for (const path of paths) {
    const parent = walk(kept, path.slice(0, -1), false);
    const leaf = path[path.length - 1] ?? "";
    const value = parent?.[leaf];
    if (parent === undefined || typeof value !== "string") continue;
    secrets[path.join(".")] = value;
    delete parent[leaf];
  }
  return { config: kept, secrets };
}

/** The config as the client gave it: the stored one with its secrets put back. */
export function putSecrets(config: Record<string, unknown>, secrets: TaskSecrets): Record<string, unknown> {
  const whole = structuredClone(config);
  for (const [dotted, value] of Object.entries(secrets)) {
    const path = dotted.split(".");
    const parent = walk(whole, path.slice(0, -1), true);
    if (parent !== undefined) parent[path[path.length - 1] ?? ""] = value;
  }
  return whole;
}

/** The sealed text stored with the task; null when it has no secrets (no key needed then). */
export async function sealSecrets(keyText: string | undefined, workspaceId: string, secrets: TaskSecrets): Promise<string | null> {
  if (Object.keys(secrets).length === 0) return null;
  return seal(await importSecretsKey(keyText), workspaceId, JSON.stringify(secrets));
}

/** The task's secrets; undefined when they cannot be opened (the key changed, or the row was copied). */
export async function openSecrets(keyText: string | undefined, workspaceId: string, sealed: string): Promise<TaskSecrets | undefined> {
  let key: CryptoKey;
  try {
    key = await importSecretsKey(keyText);
  } catch {
    return undefined;
  }
  const plain = await open(key, workspaceId, sealed);
  if (plain === undefined) return undefined;
  const secrets: unknown = JSON.parse(plain);
  return typeof secrets === "object" && secrets !== null ? (secrets as TaskSecrets) : undefined;
}

function walk(root: Record<string, unknown>, path: readonly string[], create: boolean): Record<string, unknown> | undefined {
  let at: Record<string, unknown> = root;
  for (const key of path) {
    const next = at[key];
    if (typeof next === "object" && next !== null && !Array.isArray(next)) at = next as Record<string, unknown>;
    else if (create) at = at[key] = {};
    else return undefined;
  }
  return at;
}
