import { issueCredential } from "../admin/ops/credentials";
import { createWorkspace } from "../admin/ops/workspaces";
import type { LocalTarget } from "../lib/prepare-local";

export interface BenchWorkspace {
  id: string;
  name: string;
  /** An API key of the workspace, for the requests. */
  key: string;
}

/** A bench workspace: the largest plan, so the device limit never holds a section back. */
export function createWorkspaceForBench(target: LocalTarget, name: string) {
  return createWorkspace(target, { name, plan: "business", timezone: "UTC", defaultPlatform: "tiktok", maxRetryCount: 3 });
}

/** A workspace and its API key, made by the admin command's own operations. */
export async function createBenchWorkspace(target: LocalTarget, name: string): Promise<BenchWorkspace> {
  const workspace = await createWorkspaceForBench(target, name);
  const issued = await issueCredential(target, workspace.id, "api_key", "bench");
  return { id: workspace.id, name: workspace.name, key: issued.credential.token };
}
