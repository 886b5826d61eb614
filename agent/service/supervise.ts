import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import type { Logger } from "../logger";
import { SUPERVISED_ENV } from "./service-spec";

/** The agent exits with this to be started again at once (an update swapped its files). */
export const RESTART_EXIT_CODE = 75;

export interface SuperviseOptions {
  /** Starts the agent once (its `run`), e.g. this program again with `run` and the same options. */
  start: () => ChildProcess;
  log: Logger;
  /** First pause after a crash, doubled each time up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** A run that lasted this long was healthy: the next crash starts from the first pause again. */
  healthyAfterMs?: number;
}

/**
 * Keeps the agent running where the platform will not: Task Scheduler's "restart on failure"
 * covers only a task that failed to start, not a program that exited with an error. A crash
 * (any exit but 0, or a signal the supervisor did not send) is followed by a start after 1, 2,
 * 4 … 60 s; exit 0 ends supervision (the agent was told to stop); RESTART_EXIT_CODE starts it
 * again at once. SIGINT and SIGTERM are passed on and supervision ends with the agent.
 * Resolves with the exit code the supervisor should end with.
 */
export function supervise(options: SuperviseOptions): Promise<number> {
  const initial = options.initialDelayMs ?? 1_000;
  const max = options.maxDelayMs ?? 60_000;
  const healthyAfter = options.healthyAfterMs ?? 5 * 60_000;
  let delay = initial;
  let stopping = false;
  let child: ChildProcess | undefined;
  let timer: NodeJS.Timeout | undefined;
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      stopping = true;
      clearTimeout(timer);
      if (child?.exitCode === null && child.signalCode === null) child.kill(signal);
      else finish(0);
    };
    const finish = (code: number) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(code);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    const launch = () => {
      const started = Date.now();
      child = options.start();
      child.once("error", (error) => options.log.error(`cannot start the agent: ${error.message}`));
      child.once("exit", (code, signal) => {
        if (stopping) return finish(0);
        if (code === 0) {
          options.log.info("the agent stopped by itself (exit 0); not restarting");
          return finish(0);
        }
        if (code === RESTART_EXIT_CODE) {
          options.log.info("the agent asked to be restarted");
          delay = initial;
          launch();
          return;
        }
        if (Date.now() - started >= healthyAfter) delay = initial;
        options.log.warn(`the agent exited (${signal ?? `code ${code ?? "?"}`}); starting it again in ${delay / 1000} s`);
        timer = setTimeout(launch, delay);
        delay = Math.min(max, delay * 2);
      });
    };
    launch();
  });
}

/**
 * This very program: node with its flags and the agent's script (absolute), or the single
 * executable alone, whose argv[1] is itself. What a service and the supervisor start again.
 */
export function selfCommand(): { program: string; args: string[] } {
  const script = process.argv[1];
  const self = script === undefined || process.execPath.endsWith(script) ? [] : [resolve(script)];
  return { program: process.execPath, args: [...process.execArgv, ...self] };
}

/** This very program again, with `args`, told it is supervised. */
export function spawnSelf(args: readonly string[]): ChildProcess {
  const self = selfCommand();
  return spawn(self.program, [...self.args, ...args], { stdio: "inherit", windowsHide: true, env: { ...process.env, [SUPERVISED_ENV]: "1" } });
}
