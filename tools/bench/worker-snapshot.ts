import { cp, symlink } from "node:fs/promises";
import { join } from "node:path";
import { REPO_ROOT } from "../lib/repo";

/** What the Worker's bundle is built from: its sources, what they import, its config. */
const TREES = ["worker", "shared", "migrations"] as const;
const FILES = ["wrangler.toml", "tsconfig.json", "package.json"] as const;

/**
 * A copy of the Worker as it is now, in `dir`, for `wrangler dev --config <dir>/wrangler.toml`.
 * wrangler dev rebuilds and restarts the Worker whenever a file it bundled changes, which
 * drops every agent socket and answers requests in flight 503; with other work going on in
 * the repository, a run of several minutes was hit by that more often than not. The copy is
 * what wrangler watches, so edits made during the run reach neither it nor the figures.
 * node_modules is linked, not copied: esbuild resolves packages through it.
 */
export async function snapshotWorker(dir: string): Promise<string> {
  await Promise.all([
    ...TREES.map((tree) => cp(join(REPO_ROOT, tree), join(dir, tree), { recursive: true, filter: (path) => !path.endsWith(".test.ts") })),
    ...FILES.map((file) => cp(join(REPO_ROOT, file), join(dir, file))),
    symlink(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"), "dir"),
  ]);
  return join(dir, "wrangler.toml");
}
