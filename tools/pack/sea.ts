import { chmod, copyFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { inject } from "postject";
import { UserError } from "../lib/errors";
import { runCaptured } from "../lib/run-captured";
import { withoutCodeSignature } from "./macho-signature";

/** Node's marker in its binary that a single-executable blob may be injected (node's src/node_sea.cc). */
const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

export interface ExecutableBuild {
  /** The CommonJS program (bundle.ts bundleAgentExecutable). */
  script: string;
  /** Files carried inside, by the name node:sea's getAsset reads them back with. */
  assets: Record<string, string>;
  /** A node of exactly the base binary's version that runs here: it writes the preparation blob. */
  blobNode: string;
  /** The node binary the executable is made from, for the platform it is for. */
  baseNode: string;
  platform: NodeJS.Platform;
  /** Scratch folder for the blob and its configuration. */
  workDir: string;
  out: string;
}

/**
 * A Node single-executable application: the preparation blob (the script and its assets)
 * written by `node --experimental-sea-config`, then injected into a copy of the base binary
 * with postject, the tool Node's documentation uses; postject reads and writes PE, ELF and
 * Mach-O on any platform, so one machine builds all three. No snapshot and no code cache:
 * both would tie the blob to the platform that wrote it. On macOS the base binary's signature
 * is removed first (macho-signature.ts); the user signs the result ad hoc on the Mac.
 */
export async function buildExecutable(build: ExecutableBuild): Promise<void> {
  const blob = join(build.workDir, "sea-prep.blob");
  const config = join(build.workDir, "sea-config.json");
  await writeFile(config, JSON.stringify({ main: build.script, output: blob, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: false, assets: build.assets }, null, 2));
  const prepared = await runCaptured(build.blobNode, ["--experimental-sea-config", config], { cwd: build.workDir, env: process.env, timeoutMs: 120_000 });
  if (prepared.code !== 0) throw new UserError(`${build.blobNode} --experimental-sea-config failed (exit ${String(prepared.code)}):\n${(prepared.stderr || prepared.stdout).trim()}`);
  if (build.platform === "darwin") await writeFile(build.out, withoutCodeSignature(await readFile(build.baseNode)));
  else await copyFile(build.baseNode, build.out);
  await chmod(build.out, 0o755);
  await inject(build.out, "NODE_SEA_BLOB", await readFile(blob), { sentinelFuse: SEA_FUSE, machoSegmentName: build.platform === "darwin" ? "NODE_SEA" : undefined });
}
