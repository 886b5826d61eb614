import { join, relative } from "node:path";
import { REPO_ROOT } from "../lib/repo";

/**
 * Where `npm start` keeps what belongs to one local state: beside the default state in
 * .wrangler/ (ignored by git), or inside a --persist-to directory, so the dev key, the
 * agent's outbox and the sample video never mix with another database's.
 */
export interface StartPaths {
  devApiKey: string;
  devAgentToken: string;
  /** The agent's --state-dir: outbox, download cache, agent id. */
  agentState: string;
  /** In the agent's default material folder (<state dir>/materials), so the agent may post it. */
  sampleVideo: string;
}

export function startPaths(persistTo: string | undefined): StartPaths {
  const root = persistTo ?? join(REPO_ROOT, ".wrangler");
  return {
    devApiKey: join(root, "dev-api-key"),
    devAgentToken: join(root, "dev-agent-token"),
    agentState: join(root, "agent"),
    sampleVideo: join(root, "agent", "materials", "sample.mp4"),
  };
}

/**
 * A path as the user should type it: relative to the repository root when inside it (the
 * agent runs from there, so a relative material path means the same file), else absolute.
 */
export function shownPath(path: string): string {
  const inRepo = relative(REPO_ROOT, path);
  return inRepo.startsWith("..") || inRepo === "" ? path : inRepo.split("\\").join("/");
}
