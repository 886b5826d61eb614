import { readFile } from "node:fs/promises";
import { builtinModules } from "node:module";
import { join } from "node:path";
import { build } from "esbuild";
import { REPO_ROOT } from "../lib/repo";

/**
 * Packages the agent loads with a `require` made by createRequire (agent/adb/adbkit.ts, for
 * adbkit's CommonJS default), which esbuild cannot see as an import. Each must appear in the
 * bundle's text, so a change of how it is loaded is noticed here rather than on a studio PC.
 */
const REQUIRED_AT_RUN_TIME = ["@devicefarmer/adbkit"];

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
    entryPoints: [join(REPO_ROOT, "agent", "main.ts")],
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
  const packages = new Set(imported.filter((path) => !isBuiltin(path)).map(packageName));
  const text = await readFile(outfile, "utf8");
  for (const name of REQUIRED_AT_RUN_TIME) {
    if (!text.includes(JSON.stringify(name))) throw new Error(`the bundle no longer loads ${name}; update REQUIRED_AT_RUN_TIME in tools/pack/bundle.ts`);
    packages.add(name);
  }
  return [...packages].sort();
}

function isBuiltin(path: string): boolean {
  return path.startsWith("node:") || builtinModules.includes(path.split("/")[0] ?? path);
}

/** "ws" → "ws", "zod/mini" → "zod", "@scope/name/sub" → "@scope/name". */
function packageName(path: string): string {
  const parts = path.split("/");
  return (path.startsWith("@") ? parts.slice(0, 2) : parts.slice(0, 1)).join("/");
}
