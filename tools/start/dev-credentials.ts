import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { StandingKind } from "../../shared/credentials";
import { issueCredentials, liveCredentials } from "../admin/ops/credentials";
import { createWorkspace, findWorkspace } from "../admin/ops/workspaces";
import { UserError } from "../lib/errors";
import type { LocalTarget } from "../lib/prepare-local";
import type { StartPaths } from "./paths";

/** The workspace `npm start` makes for a studio owner trying things out locally. */
export const DEV_WORKSPACE = "dev";

export interface DevCredential {
  token: string;
  /** Where it is saved between runs. */
  file: string;
  /** False when a saved one was reused. */
  created: boolean;
}

export interface DevCredentials {
  /** The API key the user's curl calls carry. */
  apiKey: DevCredential;
  /** The token of the agent `npm start` runs. */
  agentToken: DevCredential;
}

const LABELS: Record<StandingKind, string> = { api_key: "dev key (npm start)", agent_token: "dev agent (npm start)" };

/**
 * The saved dev API key and dev agent token if they still open this local database;
 * otherwise new ones for the "dev" workspace (created on the first run). The database
 * must be migrated already. Each file sits next to the state it belongs to (paths.ts),
 * so a credential is never shown for a database it does not open.
 *
 * Every wrangler d1 call costs seconds, so there are few: one to check what is saved,
 * and on a first run one to create the workspace and one to issue both credentials.
 */
export async function ensureDevCredentials(target: LocalTarget, paths: StartPaths): Promise<DevCredentials> {
  const files: Record<StandingKind, string> = { api_key: paths.devApiKey, agent_token: paths.devAgentToken };
  const saved: Record<StandingKind, string> = { api_key: await readSaved(files.api_key), agent_token: await readSaved(files.agent_token) };
  // A saved one can be stale: the state was wiped, or it was revoked with the admin tool.
  const live = await liveCredentials(target, Object.values(saved).filter((token) => token !== ""));
  const missing = (Object.keys(files) as StandingKind[]).filter((kind) => !live.has(saved[kind]));

  const result: Record<StandingKind, DevCredential> = {
    api_key: { token: saved.api_key, file: files.api_key, created: false },
    agent_token: { token: saved.agent_token, file: files.agent_token, created: false },
  };
  if (missing.length > 0) {
    const workspaceId = await devWorkspaceId(target);
    const issued = await issueCredentials(target, workspaceId, missing.map((kind) => ({ kind, name: LABELS[kind] })));
    for (const [at, { credential }] of issued.entries()) {
      const kind = missing[at]; // issued in the order asked
      if (kind === undefined) throw new Error("more credentials were issued than asked for");
      const file = files[kind];
      await mkdir(dirname(file), { recursive: true });
      // Owner-only: it is a working credential, even if only for the local server.
      await writeFile(file, `${credential.token}\n`, { encoding: "utf8", mode: 0o600 });
      // The mode above applies only to a new file; a stale one keeps its own otherwise.
      await chmod(file, 0o600);
      result[kind] = { token: credential.token, file, created: true };
    }
  }
  return { apiKey: result.api_key, agentToken: result.agent_token };
}

async function readSaved(file: string): Promise<string> {
  return (await readFile(file, "utf8").catch(() => "")).trim();
}

/** Created first: on a fresh clone it does not exist yet, and that is the run to make quick. */
async function devWorkspaceId(target: LocalTarget): Promise<string> {
  try {
    const created = await createWorkspace(target, { name: DEV_WORKSPACE, plan: "pro", timezone: "UTC", defaultPlatform: "tiktok", maxRetryCount: 3 });
    return created.id;
  } catch (error) {
    // Most likely "already exists" (its saved key was lost or revoked): then it is found.
    const existing = error instanceof UserError ? await findWorkspace(target, DEV_WORKSPACE) : undefined;
    if (existing === undefined) throw error;
    return existing.id;
  }
}
