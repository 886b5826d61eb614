import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { issueCredential, isLiveApiKey } from "../admin/ops/credentials";
import { createWorkspace, findWorkspace } from "../admin/ops/workspaces";
import type { LocalTarget } from "../lib/prepare-local";
import { REPO_ROOT } from "../lib/repo";

/** The workspace `npm start` makes for a studio owner trying things out locally. */
export const DEV_WORKSPACE = "dev";

export interface DevKey {
  token: string;
  /** Where the key is saved between runs. */
  file: string;
  /** False when a saved key was reused. */
  created: boolean;
}

/**
 * The key file sits next to the state it belongs to: .wrangler/dev-api-key for the
 * default state (ignored by git with the rest of .wrangler/), or inside a --persist-to
 * directory, so a key is never shown for a database it does not open.
 */
export function devKeyFile(persistTo: string | undefined): string {
  return persistTo === undefined ? join(REPO_ROOT, ".wrangler", "dev-api-key") : join(persistTo, "dev-api-key");
}

/**
 * The saved dev key if it still opens this local database; otherwise a new key for the
 * "dev" workspace (created on the first run). The database must be migrated already.
 */
export async function ensureDevKey(target: LocalTarget): Promise<DevKey> {
  const file = devKeyFile(target.persistTo);
  const saved = (await readFile(file, "utf8").catch(() => "")).trim();
  // A saved key can be stale: the state was wiped, or the key revoked with the admin tool.
  if (saved !== "" && (await isLiveApiKey(target, saved))) return { token: saved, file, created: false };

  const workspace =
    (await findWorkspace(target, DEV_WORKSPACE)) ??
    (await createWorkspace(target, {
      name: DEV_WORKSPACE,
      plan: "pro",
      timezone: "UTC",
      defaultPlatform: "tiktok",
      maxRetryCount: 3,
    }));
  const issued = await issueCredential(target, workspace.id, "api_key", "dev key (npm start)");
  await mkdir(dirname(file), { recursive: true });
  // Owner-only: it is a working credential, even if only for the local server.
  await writeFile(file, `${issued.credential.token}\n`, { encoding: "utf8", mode: 0o600 });
  return { token: issued.credential.token, file, created: true };
}
