import { readdir } from "node:fs/promises";
import { builtinModules } from "node:module";
import { join } from "node:path";
import { build, type Plugin } from "esbuild";
import { REPO_ROOT } from "../lib/repo";

const ENTRY = join(REPO_ROOT, "agent", "main.ts");
/** The apps' screen data (agent/scripts/apps/load-apps.ts), shipped beside the bundle or inside the executable. */
const APPS_DIR = join(REPO_ROOT, "agent", "scripts", "apps");

/** Each screen data file by its name, with its path here. */
export async function appDataFiles(): Promise<Record<string, string>> {
  const names = (await readdir(APPS_DIR)).filter((name) => name.endsWith(".json")).sort();
  return Object.fromEntries(names.map((name) => [name, join(APPS_DIR, name)]));
}

/**
 * agent/main.ts and everything of this repository it imports (agent/, shared/) as one ESM file
 * for Node 20, run with plain `node`. npm packages stay outside (`packages: "external"`): they
 * are the package's dependencies, shipped inside its tarball (manifest.ts), so Node loads them
 * as their authors built them (ws's optional native add-ons, adbkit's CommonJS) rather than
 * as esbuild would rewrite them. Not minified: a stack trace in a studio's log names real
 * functions. Returns the packages the bundle imports.
 */
export async function bundleAgent(outfile: string): Promise<string[]> {
  const result = await build({
    entryPoints: [ENTRY],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    // npm makes this file the `tikmatrix-agent` command: a shim on Windows, a link elsewhere, which needs the line.
    banner: { js: "#!/usr/bin/env node" },
    metafile: true,
    logLevel: "warning",
  });
  const imported = Object.values(result.metafile.outputs).flatMap((output) => output.imports.filter((entry) => entry.external).map((entry) => entry.path));
  return [...new Set(imported.filter((path) => !isBuiltin(path)).map(packageName))].sort();
}

/**
 * The same program as one CommonJS file with every package inside, for a single executable
 * (sea.ts): the script a Node single-executable application runs is CommonJS, and its
 * `require` reaches only Node's built-in modules. `import.meta.url` (the agent's own place, for
 * its screen data and its installed package) becomes the executable's file URL.
 */
export async function bundleAgentExecutable(outfile: string): Promise<void> {
  await build({
    entryPoints: [ENTRY],
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    plugins: [absent(OPTIONAL_NATIVE)],
    define: { "import.meta.url": "__agentFileUrl" },
    banner: { js: 'const __agentFileUrl = require("node:url").pathToFileURL(__filename).href;' },
    logLevel: "warning",
  });
}

/** ws's optional native add-ons: ws tries to load each and runs without. */
const OPTIONAL_NATIVE = ["bufferutil", "utf-8-validate"];

/**
 * Modules left out of the executable, each replaced by one that throws as a missing module
 * does, so the `try { require(…) }` around it takes its fallback. Left as a plain `require`,
 * Node would look for them on disk and print its single-executable warning each time.
 */
function absent(names: readonly string[]): Plugin {
  const filter = new RegExp(`^(${names.join("|")})$`);
  return {
    name: "absent",
    setup(build) {
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: "absent" }));
      build.onLoad({ filter: /.*/, namespace: "absent" }, (args) => ({ contents: `throw Object.assign(new Error(${JSON.stringify(`${args.path} is not in the executable`)}), { code: "MODULE_NOT_FOUND" });`, loader: "js" }));
    },
  };
}

function isBuiltin(path: string): boolean {
  return path.startsWith("node:") || builtinModules.includes(path.split("/")[0] ?? path);
}

/** "ws" → "ws", "zod/mini" → "zod", "@scope/name/sub" → "@scope/name". */
function packageName(path: string): string {
  const parts = path.split("/");
  return (path.startsWith("@") ? parts.slice(0, 2) : parts.slice(0, 1)).join("/");
}
