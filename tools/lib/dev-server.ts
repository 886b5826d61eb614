import { spawn } from "node:child_process";
import { constants } from "node:os";
import { killGroup, waitForGroupGone } from "./process-group";
import { quietEnv } from "./quiet-env";
import { REPO_ROOT } from "./repo";
import { spawnFailure } from "./spawn-failure";
import { WRANGLER_BIN } from "./wrangler";

export interface DevServer {
  pid: number;
  /** Resolves with the exit code to pass on (128 + signal number if it was killed). */
  exited: Promise<number>;
  /** Stops it as a Ctrl-C would (SIGINT, then SIGKILL after the grace period); resolves with `exited`. */
  stop(): Promise<number>;
}

export interface DevServerOptions {
  /**
   * Receives wrangler's output instead of the terminal (the benchmark keeps it for an
   * error message rather than print a line per request). Default: the terminal.
   */
  onOutput?: (text: string) => void;
  /**
   * Whether this process's Ctrl-C / SIGTERM go on to wrangler (default true). `npm start`
   * turns it off to stop the agent first and wrangler after, through stop().
   */
  forwardSignals?: boolean;
}

/** How long wrangler gets to shut workerd down after a signal before it is killed. */
const GRACE_MS = 10_000;
/** A second Ctrl-C this long after the first means "stop now" rather than a repeat. */
const IMPATIENT_MS = 1_000;
/** How long to wait for the swept group to be gone before reporting the exit anyway. */
const SWEEP_WAIT_MS = 5_000;
const FORWARDED: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/**
 * Runs `wrangler dev <args>` in the foreground of this process.
 *
 * wrangler leads its own process group (detached) so that stopping it stops workerd too:
 * signals are forwarded to the whole group, and once wrangler exits the group is swept
 * with SIGKILL, so no workerd is left holding the port. A detached child must not read
 * the terminal (it would be stopped by SIGTTIN, or put the terminal in raw mode where
 * Ctrl-C no longer reaches us), so its stdin is closed; the cost is that wrangler's
 * [b]/[d]/[x] hotkeys are off. Ctrl-C still stops it: the terminal signals us, we
 * forward.
 */
export function startDevServer(args: readonly string[], options: DevServerOptions = {}): DevServer {
  const { onOutput, forwardSignals = true } = options;
  const child = spawn(WRANGLER_BIN, ["dev", ...args], {
    cwd: REPO_ROOT,
    env: quietEnv(),
    stdio: ["ignore", onOutput === undefined ? "inherit" : "pipe", onOutput === undefined ? "inherit" : "pipe"],
    detached: true,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${WRANGLER_BIN}`);
  if (onOutput !== undefined) {
    child.stdout?.on("data", (chunk: Buffer) => onOutput(chunk.toString("utf8")));
    child.stderr?.on("data", (chunk: Buffer) => onOutput(chunk.toString("utf8")));
  }

  let firstSignalAt: number | undefined;
  let graceTimer: NodeJS.Timeout | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstSignalAt === undefined) {
      firstSignalAt = Date.now();
      // wrangler stops cleanly on SIGINT and SIGTERM; a closed terminal (SIGHUP) means the same.
      killGroup(pid, signal === "SIGHUP" ? "SIGTERM" : signal);
      graceTimer = setTimeout(() => killGroup(pid, "SIGKILL"), GRACE_MS);
      graceTimer.unref();
    } else if (Date.now() - firstSignalAt >= IMPATIENT_MS) {
      // Signals that arrive together (the terminal's and tsx's relay of the same Ctrl-C)
      // are one request; a later one means the user is done waiting.
      killGroup(pid, "SIGKILL");
    }
  };
  if (forwardSignals) for (const signal of FORWARDED) process.on(signal, onSignal);

  const stopForwarding = () => {
    for (const s of FORWARDED) process.off(s, onSignal);
    if (graceTimer !== undefined) clearTimeout(graceTimer);
  };
  const exited = new Promise<number>((resolve, reject) => {
    child.on("error", (error) => {
      stopForwarding();
      reject(spawnFailure(error, WRANGLER_BIN));
    });
    child.on("exit", (code, signal) => {
      stopForwarding();
      // Sweep the group: workerd must not outlive wrangler and keep the port (a wrangler
      // that crashed or was killed mid-shutdown leaves it running).
      killGroup(pid, "SIGKILL");
      const exitCode = code ?? 128 + (signal === null ? 0 : constants.signals[signal]);
      const done = () => resolve(exitCode);
      void waitForGroupGone(pid, SWEEP_WAIT_MS).then(done, done);
    });
  });
  return {
    pid,
    exited,
    stop: () => {
      // Once it has exited its group id is free for reuse: signal nothing then.
      if (child.exitCode === null && child.signalCode === null) onSignal("SIGINT");
      return exited;
    },
  };
}
