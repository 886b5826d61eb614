/**
 * `npm run pack:exe [-- --target T … --out DIR]`: the agent as one executable per platform,
 * `tikmatrix-agent-<version>-<target>[.exe]` in dist/ (or DIR), with SHA256SUMS beside them,
 * for a studio PC with no Node at all. Targets: windows-x64, linux-x64, macos-arm64 (all
 * three by default, built on Node EXECUTABLE_NODE_VERSION fetched once from the npm registry),
 * or `host`: this machine's own node, nothing fetched (what the tests build). The last lines
 * of output are the executables' absolute paths. Exit 1 when a step fails, 2 for a wrong
 * command line.
 */
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { AGENT_VERSION } from "../../agent/version";
import { UserError } from "../lib/errors";
import { REPO_ROOT, resolveUserPath } from "../lib/repo";
import { runMain } from "../lib/run-main";
import { appDataFiles, bundleAgentExecutable } from "./bundle";
import { PACKAGE_NAME } from "./manifest";
import { EXECUTABLE_NODE_VERSION, EXECUTABLE_TARGETS, type ExecutableTarget, hostTarget, nodeBinaryFor } from "./node-binaries";
import { buildExecutable } from "./sea";

const USAGE = `usage: npm run pack:exe [-- [--target host|${EXECUTABLE_TARGETS.map((t) => t.id).join("|")}]… [--out DIR]]`;

async function main(argv: readonly string[]): Promise<number> {
  let out: string;
  let wanted: string[];
  try {
    const { values } = parseArgs({ args: [...argv], options: { out: { type: "string" }, target: { type: "string", multiple: true } }, strict: true, allowPositionals: false });
    out = values.out === undefined ? join(REPO_ROOT, "dist") : resolveUserPath(values.out);
    wanted = values.target ?? EXECUTABLE_TARGETS.map((target) => target.id);
    const unknown = wanted.filter((id) => id !== "host" && !EXECUTABLE_TARGETS.some((target) => target.id === id));
    if (unknown.length > 0) throw new Error(`no target ${unknown.map((id) => JSON.stringify(id)).join(", ")}`);
  } catch (error) {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  const log = (line: string) => void process.stderr.write(`${line}\n`);
  const dir = await mkdtemp(join(tmpdir(), "tikmatrix-agent-exe-"));
  try {
    const script = join(dir, "tikmatrix-agent.cjs");
    await bundleAgentExecutable(script);
    const assets = await appDataFiles();
    await mkdir(out, { recursive: true });
    const built: string[] = [];
    for (const id of wanted) {
      const { target, blobNode, baseNode, nodeVersion } = await nodesFor(id, log);
      const file = join(out, `${PACKAGE_NAME}-${AGENT_VERSION}-${target.id}${target.suffix}`);
      log(`building ${basename(file)} on node ${nodeVersion}`);
      await buildExecutable({ script, assets, blobNode, baseNode, platform: target.platform, workDir: dir, out: file });
      built.push(file);
    }
    const sums = await Promise.all(built.map(async (file) => `${createHash("sha256").update(await readFile(file)).digest("hex")}  ${basename(file)}`));
    await writeFile(join(out, "SHA256SUMS"), `${sums.join("\n")}\n`);
    process.stdout.write(`${built.length === 1 ? "1 executable" : `${built.length} executables`}, SHA-256 in ${join(out, "SHA256SUMS")}\n${built.join("\n")}\n`);
    return 0;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Which node writes the blob and which is the base. The blob must come from the base's exact
 * version, so a release build runs the pinned release for this machine's own platform to
 * write it; `host` uses the node running this script for both.
 */
async function nodesFor(id: string, log: (line: string) => void): Promise<{ target: ExecutableTarget; blobNode: string; baseNode: string; nodeVersion: string }> {
  const host = hostTarget();
  if (id === "host") {
    if (host === undefined) throw new UserError(`this machine (${process.platform} ${process.arch}) is none of the targets`);
    return { target: host, blobNode: process.execPath, baseNode: process.execPath, nodeVersion: process.versions.node };
  }
  const target = EXECUTABLE_TARGETS.find((candidate) => candidate.id === id);
  if (target === undefined) throw new UserError(`no target ${id}`);
  if (host === undefined) throw new UserError(`building for ${id} runs node ${EXECUTABLE_NODE_VERSION} for this machine, and this machine (${process.platform} ${process.arch}) is none of the targets; build with --target host here, or the release on one of them`);
  return { target, blobNode: await nodeBinaryFor(host, log), baseNode: await nodeBinaryFor(target, log), nodeVersion: EXECUTABLE_NODE_VERSION };
}

await runMain(() => main(process.argv.slice(2)));
