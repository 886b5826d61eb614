import { mkdir, stat } from "node:fs/promises";
import { basename, isAbsolute, join } from "node:path";
import { REPO_ROOT } from "../lib/repo";
import { npmCommand } from "../pack/npm";
import { runChild } from "./child-run";
import type { Cleanup } from "./cleanup";
import { BenchFailure } from "./failure";

/** Bundling the agent and npm's offline install and pack: about 10 to 30 s on a loaded 2-core machine. */
const PACK_TIMEOUT_MS = 180_000;
const INSTALL_TIMEOUT_MS = 120_000;

export interface PackedAgent {
  /** The tarball `npm run pack:agent -- --out <dir>` made (its last line of stdout). */
  tarball: string;
  tarballBytes: number;
  /** `node_modules/.bin/tikmatrix-agent` of the install: what plain `node` runs (`node <bin> run --server …`). */
  bin: string;
  /** From spawn to exit of `npm run pack:agent` (minus npm) and of `npm install`. */
  packMs: number;
  installMs: number;
}

/**
 * The agent as a studio PC gets it, as e2e/agent-package.test.ts makes it: tools/pack/main.ts
 * (`npm run pack:agent -- --out <dir>/dist`, minus npm) packs the working tree's agent, then
 * npm installs the tarball with no registry (`--offline`: its dependencies travel inside it)
 * into an empty folder, where nothing of the repository's node_modules can be found.
 * Everything lands under `dir`, the pack's own scratch folder too (TMPDIR), so removing
 * `dir` removes it all; both commands are stopped by the cleanup if the bench is.
 */
export async function packAndInstallAgent(dir: string, cleanup: Cleanup, signal: AbortSignal): Promise<PackedAgent> {
  const dist = join(dir, "dist");
  const scratch = join(dir, "tmp");
  const installDir = join(dir, "install");
  await Promise.all([dist, scratch, installDir].map((path) => mkdir(path, { recursive: true })));
  const env = { ...process.env, TMPDIR: scratch };
  const packed = await runChild(
    "npm run pack:agent",
    process.execPath,
    ["--import", "tsx", join(REPO_ROOT, "tools", "pack", "main.ts"), "--out", dist],
    { cwd: REPO_ROOT, env, timeoutMs: PACK_TIMEOUT_MS },
    cleanup,
    signal,
  );
  const tarball = packed.stdout.trimEnd().split("\n").at(-1) ?? "";
  if (!isAbsolute(tarball) || !tarball.endsWith(".tgz")) throw new BenchFailure(`npm run pack:agent did not end with the tarball's path:\n${packed.stdout}`);
  const npm = npmCommand();
  const installed = await runChild(
    "npm install of the agent's tarball",
    npm.command,
    [...npm.prefix, "install", "--prefix", installDir, "--omit=dev", "--no-audit", "--no-fund", "--offline", tarball],
    { cwd: dir, env, timeoutMs: INSTALL_TIMEOUT_MS },
    cleanup,
    signal,
  );
  const bin = join(installDir, "node_modules", ".bin", "tikmatrix-agent");
  await stat(bin).catch(() => {
    throw new BenchFailure(`npm install ${basename(tarball)} made no ${bin}`);
  });
  return { tarball, tarballBytes: (await stat(tarball)).size, bin, packMs: packed.ms, installMs: installed.ms };
}
