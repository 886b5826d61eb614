import { dirname, join } from "node:path";
import { UserError } from "../lib/errors";
import { type CapturedRun, runCaptured } from "../lib/run-captured";

/**
 * npm as a child process. Through Node and npm-cli.js rather than the `npm` name: on Windows
 * that is npm.cmd, which Node 20 spawns only through a shell.
 */
export function npmCommand(): { command: string; prefix: string[] } {
  const execPath = process.env.npm_execpath;
  if (execPath !== undefined && /npm-cli\.[cm]?js$/.test(execPath)) return { command: process.execPath, prefix: [execPath] };
  if (process.platform === "win32") return { command: process.execPath, prefix: [join(dirname(process.execPath), "node_modules", "npm", "bin", "npm-cli.js")] };
  return { command: "npm", prefix: [] };
}

export async function runNpm(args: readonly string[], cwd: string, timeoutMs = 120_000): Promise<CapturedRun> {
  const { command, prefix } = npmCommand();
  const run = await runCaptured(command, [...prefix, ...args], { cwd, env: process.env, timeoutMs });
  if (run.code !== 0) {
    const offline = /ENOTCACHED/.test(run.stderr) ? "\nnpm's cache lacks a dependency: run `npm ci` in the repository first (it fills the cache)." : "";
    throw new UserError(`npm ${args.join(" ")} failed (exit ${String(run.code)}${run.timedOut ? ", timed out" : ""}):\n${run.stderr.trim().slice(-3000)}${offline}`);
  }
  return run;
}
