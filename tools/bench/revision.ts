import { REPO_ROOT } from "../lib/repo";
import { runCaptured } from "../lib/run-captured";

/**
 * Which code the figures are for: the commit, and whether the Worker's files differed
 * from it (people edit worker/ while benchmarks run).
 */
export async function codeRevision(): Promise<string> {
  const git = (args: string[]) => runCaptured("git", args, { cwd: REPO_ROOT, env: process.env, timeoutMs: 10_000 }).catch(() => null);
  const [head, status] = await Promise.all([
    git(["rev-parse", "--short", "HEAD"]),
    git(["status", "--porcelain", "--", "worker", "shared", "migrations", "wrangler.toml"]),
  ]);
  if (head === null || head.code !== 0) return "unknown (not a git checkout)";
  const changed = status !== null && status.stdout.trim() !== "";
  return `${head.stdout.trim()}${changed ? " with uncommitted changes in worker/, shared/, migrations/ or wrangler.toml" : ""}`;
}
