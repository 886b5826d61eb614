import { constants } from "node:os";

const SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
/** A second signal this long after the first means "stop now" rather than a repeat. */
const IMPATIENT_MS = 1_000;

export interface InterruptWatch {
  /** Aborted on the first Ctrl-C (or SIGTERM, SIGHUP): the bench unwinds and cleans up. */
  signal: AbortSignal;
  /** The exit code an interrupted run ends with (128 + signal number). */
  exitCode(): number;
  dispose(): void;
}

/**
 * Turns Ctrl-C into an orderly stop: measurements stop at the next request and the
 * cleanup runs. A second signal a moment later exits at once; the "exit" hook then does
 * the synchronous part of the cleanup (kill wrangler's group, remove the temp dir).
 */
export function watchInterrupts(): InterruptWatch {
  const controller = new AbortController();
  let first: { signal: NodeJS.Signals; at: number } | undefined;
  const code = () => (first === undefined ? 0 : 128 + constants.signals[first.signal]);
  const onSignal = (signal: NodeJS.Signals) => {
    if (first === undefined) {
      first = { signal, at: Date.now() };
      process.stderr.write(`\n[bench] ${signal}: stopping and cleaning up (again to exit at once)\n`);
      controller.abort(new Error(`interrupted by ${signal}`));
    } else if (Date.now() - first.at >= IMPATIENT_MS) {
      process.exit(code());
    }
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  return {
    signal: controller.signal,
    exitCode: code,
    dispose: () => {
      for (const s of SIGNALS) process.off(s, onSignal);
    },
  };
}

/** Resolves when `signal` aborts (never rejects), for races against other waits. */
export function whenAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });
}
