import { join } from "node:path";
import { REPO_ROOT } from "../lib/repo";
import { type CapturedRun, runCaptured } from "../lib/run-captured";

/** tsx from this repository, as `npm run admin` uses it. */
export const TSX_BIN = join(REPO_ROOT, "node_modules", ".bin", "tsx");

/**
 * Runs `npm run admin -- <args>` as a user would, minus npm, with output captured. Node
 * loads tsx in-process (`--import tsx`) rather than through the tsx binary, which starts a
 * second Node: half a second less per run, and these tests make many runs.
 */
export function runAdmin(args: readonly string[]): Promise<CapturedRun> {
  return runCaptured(process.execPath, ["--import", "tsx", join(REPO_ROOT, "tools", "admin", "main.ts"), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, INIT_CWD: REPO_ROOT },
    timeoutMs: 90_000,
  });
}

/** The last line of stdout, where create-key puts the token. */
export function lastLine(text: string): string {
  return text.trimEnd().split("\n").at(-1) ?? "";
}

/** A failing run explained, for assertion messages. */
export function explain(run: CapturedRun): string {
  return `exit ${String(run.code)}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
}
