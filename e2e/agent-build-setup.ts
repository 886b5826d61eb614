import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildAgent } from "./agent-build";

/**
 * The global setup of the "agent-package" project (vitest.config.ts): the agent packed,
 * installed and its newer build made once, for every test file of the project to inject.
 * Vitest runs it only when one of those files is selected.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), "tikmatrix-agent-build-"));
  try {
    project.provide("agentBuild", await buildAgent(dir));
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return () => rm(dir, { recursive: true, force: true });
}
