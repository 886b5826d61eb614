/**
 * `npm run pack:agent [-- --out DIR]`: the agent as an npm package, `tikmatrix-agent-<version>.tgz`
 * in dist/ (or DIR), for `npm install -g <file>` on a studio PC. Its last line of output is
 * the tarball's absolute path, for scripts. Exit 1 when a step fails, 2 for a wrong command line.
 */
import { createHash } from "node:crypto";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { usage } from "../../agent/cli/help";
import { REPO_ROOT, resolveUserPath } from "../lib/repo";
import { runMain } from "../lib/run-main";
import { appDataFiles, bundleAgent } from "./bundle";
import { agentManifest, BIN_FILE, LIB_DIR, PACKAGE_NAME } from "./manifest";
import { runNpm } from "./npm";

async function main(argv: readonly string[]): Promise<number> {
  let out: string;
  try {
    const { values } = parseArgs({ args: [...argv], options: { out: { type: "string" } }, strict: true, allowPositionals: false });
    out = values.out === undefined ? join(REPO_ROOT, "dist") : resolveUserPath(values.out);
  } catch (error) {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\nusage: npm run pack:agent [-- --out DIR]\n`);
    return 2;
  }
  // A folder of its own for each build: nothing of the repository's node_modules leaks in,
  // and two builds at once do not meet.
  const dir = await mkdtemp(join(tmpdir(), "tikmatrix-agent-pack-"));
  try {
    const dependencies = await bundleAgent(join(dir, BIN_FILE));
    // The screen data stays JSON next to the bundle, where load-apps.ts looks: when an app
    // update moves a button, a studio can correct the file without a new build.
    for (const [name, path] of Object.entries(await appDataFiles())) await copyFile(path, join(dir, LIB_DIR, name));
    const root = JSON.parse(await readFile(join(REPO_ROOT, "package.json"), "utf8")) as Parameters<typeof agentManifest>[1];
    const manifest = agentManifest(dependencies, root);
    await writeFile(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    await writeFile(join(dir, "README.md"), `# ${PACKAGE_NAME}\n\n\`\`\`\n${usage()}\`\`\`\n`);
    // The repository's lock gives the exact tree (integrity-checked); --offline takes it from
    // npm's cache, which `npm ci` filled: packing never downloads.
    await copyFile(join(REPO_ROOT, "package-lock.json"), join(dir, "package-lock.json"));
    process.stderr.write(`bundled agent/main.ts; installing ${dependencies.join(", ")} from npm's cache\n`);
    await runNpm(["install", "--offline", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund"], dir);
    await mkdir(out, { recursive: true });
    const packed = await runNpm(["pack", "--json", "--pack-destination", out], dir);
    const [entry] = JSON.parse(packed.stdout) as Array<{ filename: string; size: number; entryCount: number }>;
    if (entry === undefined) throw new Error(`npm pack said nothing of its tarball: ${packed.stdout}`);
    const tarball = resolve(out, entry.filename);
    // What agents read to update themselves when this folder is deployed with the Worker
    // (worker/web/public/agent/: /agent/latest.json beside the tarball; agent/update/).
    const bytes = await readFile(tarball);
    const latest = { name: PACKAGE_NAME, version: manifest.version, file: entry.filename, sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.length };
    await writeFile(join(out, "latest.json"), `${JSON.stringify(latest, null, 2)}\n`);
    process.stdout.write(`${PACKAGE_NAME} ${String(manifest.version)}: ${entry.entryCount} files, ${(entry.size / 1024 ** 2).toFixed(1)} MB\n${tarball}\n`);
    return 0;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await runMain(() => main(process.argv.slice(2)));
