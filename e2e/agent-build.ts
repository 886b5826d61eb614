import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { AGENT_VERSION } from "../agent/version";
import { REPO_ROOT } from "../tools/lib/repo";
import { runCaptured } from "../tools/lib/run-captured";
import { runNpm } from "../tools/pack/npm";
import { explain, lastLine } from "../tools/testing/run-tool";

/**
 * The agent as a studio PC gets it, made once for the test files that need it (the
 * "agent-package" project's global setup, agent-build-setup.ts): packing and installing take
 * 15 s or more on a loaded 2-core machine, the same for every file.
 */
export interface AgentBuild {
  /** The last line `npm run pack:agent` printed: the tarball's path. */
  tarball: string;
  /** The folder npm installed the tarball into (`--prefix`), empty before: nothing of the repository's node_modules is found from it. */
  installDir: string;
  /** The same package with its version raised where npm and the agent read it: an update to serve. */
  newer: { version: string; tarball: string };
}

// What a test file of the project gets from inject("agentBuild").
declare module "vitest" {
  export interface ProvidedContext {
    agentBuild: AgentBuild;
  }
}

/** Packs the working tree's agent (`npm run pack:agent` minus npm), installs it offline and makes the newer build, all under `dir`. */
export async function buildAgent(dir: string): Promise<AgentBuild> {
  const packed = await runCaptured(process.execPath, ["--import", "tsx", join(REPO_ROOT, "tools", "pack", "main.ts"), "--out", join(dir, "dist")], { cwd: REPO_ROOT, env: process.env, timeoutMs: 120_000 });
  if (packed.code !== 0) throw new Error(`pack:agent failed: ${explain(packed)}`);
  const tarball = lastLine(packed.stdout);
  const installDir = join(dir, "install");
  // --offline: the dependencies travel inside the tarball; a studio PC may have no registry.
  await runNpm(["install", "--prefix", installDir, "--omit=dev", "--no-audit", "--no-fund", "--offline", tarball], dir);

  const version = AGENT_VERSION.replace(/\d+$/, (patch) => String(Number(patch) + 1));
  const build = join(dir, "newer");
  await cp(packageRoot(installDir), build, { recursive: true, verbatimSymlinks: true });
  const manifestPath = join(build, "package.json");
  await writeFile(manifestPath, (await readFile(manifestPath, "utf8")).replace(`"version": "${AGENT_VERSION}"`, `"version": "${version}"`));
  const bundlePath = join(build, "lib", "tikmatrix-agent.js");
  await writeFile(bundlePath, (await readFile(bundlePath, "utf8")).replace(`AGENT_VERSION = "${AGENT_VERSION}"`, `AGENT_VERSION = "${version}"`));
  const repacked = await runNpm(["pack", "--json", "--pack-destination", dir], build);
  return { tarball, installDir, newer: { version, tarball: join(dir, (JSON.parse(repacked.stdout) as [{ filename: string }])[0].filename) } };
}

/** The installed package's folder under an install prefix. */
export function packageRoot(installDir: string): string {
  return join(installDir, "node_modules", "tikmatrix-agent");
}

/** The command npm put under an install prefix: what `tikmatrix-agent` runs. */
export function binOf(installDir: string): string {
  return join(installDir, "node_modules", ".bin", "tikmatrix-agent");
}

/**
 * A copy of the installed prefix for one test file, for one that updates it (the swap
 * replaces the package folder) while another file runs the shared one. Links kept as npm
 * made them (relative), so the copy's command runs the copy's package.
 */
export async function copyInstall(build: AgentBuild, into: string): Promise<string> {
  await cp(build.installDir, into, { recursive: true, verbatimSymlinks: true });
  return into;
}
