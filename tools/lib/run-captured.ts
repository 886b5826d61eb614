import { spawn } from "node:child_process";
import { killGroup } from "./process-group";
import { spawnFailure } from "./spawn-failure";

export interface CapturedRun {
  /** Exit code, or null when the process ended by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface CaptureOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}

/**
 * Runs a command to completion with its output captured and a deadline. The child leads
 * its own process group so that, on the deadline, whatever it started (wrangler starts
 * workerd) is killed with it. stdin is closed: nothing here may wait for a keypress.
 */
export function runCaptured(command: string, args: readonly string[], options: CaptureOptions): Promise<CapturedRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let timedOut = false;
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid, "SIGKILL");
    }, options.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(spawnFailure(error, command));
    });
    // "close", not "exit": it fires after the output streams are drained.
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      // Sweep anything the command left running in its group (normally nothing).
      killGroup(child.pid, "SIGKILL");
      resolvePromise({
        code,
        signal,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
        timedOut,
      });
    });
  });
}
