import { join } from "node:path";
import { quietEnv } from "./quiet-env";
import { REPO_ROOT } from "./repo";
import { type CapturedRun, runCaptured } from "./run-captured";

/**
 * The wrangler this repository pins (package.json), never one found on PATH: another
 * version could read wrangler.toml or the local state differently.
 */
export const WRANGLER_BIN = join(REPO_ROOT, "node_modules", ".bin", "wrangler");

/** Local commands take about 2 s; the deadline only catches a hung workerd. */
export const LOCAL_DEADLINE_MS = 60_000;
/** Remote commands wait on Cloudflare's API as well. */
export const REMOTE_DEADLINE_MS = 120_000;

export interface WranglerOptions {
  timeoutMs?: number;
  env?: Readonly<Record<string, string>>;
}

/** Runs `wrangler <args>` from the repository root (where wrangler.toml is), quietly. */
export function runWrangler(args: readonly string[], options: WranglerOptions = {}): Promise<CapturedRun> {
  return runCaptured(WRANGLER_BIN, args, {
    cwd: REPO_ROOT,
    env: quietEnv(options.env),
    timeoutMs: options.timeoutMs ?? LOCAL_DEADLINE_MS,
  });
}

/** The last lines of a run's output, for an error message that says what wrangler said. */
export function outputTail(run: CapturedRun, lines = 15): string {
  const text = `${run.stdout}\n${run.stderr}`.trim();
  return text.split("\n").slice(-lines).join("\n");
}
