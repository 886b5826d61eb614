import { issueCredential } from "../admin/ops/credentials";
import type { LocalTarget } from "../lib/prepare-local";
import { type BenchWorkspace, createBenchWorkspace } from "./setup";

export interface AgentWorkspace extends BenchWorkspace {
  /** An agent token of the workspace (admin create-agent-token), for the agents' sockets. */
  agentToken: string;
}

/**
 * A Business workspace (device limit 100) with an API key for the API calls and an agent
 * token for the simulated agents, made by the admin command's own operations.
 */
export async function createAgentWorkspace(target: LocalTarget, name: string): Promise<AgentWorkspace> {
  const workspace = await createBenchWorkspace(target, name);
  const issued = await issueCredential(target, workspace.id, "agent_token", "bench agents");
  return { ...workspace, agentToken: issued.credential.token };
}
