import type { FoundAccount } from "../shared/protocol/messages";
import { FailCode } from "../shared/fail-codes";
import type { LOG_LEVELS, RunMessage } from "../shared/protocol/messages";

export type LogLevel = (typeof LOG_LEVELS)[number];

/** How a run ended, as the `result` message carries it (minus the ids). */
export interface RunOutcome {
  ok: boolean;
  /** A code of the failure catalogue when not ok. */
  failCode: FailCode | null;
  remark: string;
  /** Whether anything may have been posted: false only when the run stopped before that. */
  posted: boolean;
  /** The post's link, when the app showed one. */
  postUrl?: string | null;
  /** match_accounts: the accounts the phone's apps show logged in. */
  accounts?: FoundAccount[];
}

/** What a run tells the server. The link sends these; results and log lines go through the outbox. */
export interface RunReport {
  /** The run was taken, before the phone is touched. */
  ack(): void;
  progress(step: string): void;
  log(level: LogLevel, message: string): Promise<void>;
  /** Stores a PNG as the task's screenshot (the latest one wins); rejects when the upload fails. */
  screenshot(png: Buffer): Promise<void>;
  /**
   * Asks the server whether the run may publish: resolves when it may (the task now counts as
   * possibly posted there), rejects with PostingRefused when the task was stopped first or the
   * server did not answer in time.
   */
  posting(): Promise<void>;
  result(outcome: RunOutcome): Promise<void>;
}

/** The run may not publish: the server refused (stopped) or never answered. Nothing was posted. */
export class PostingRefused extends Error {
  override readonly name = "PostingRefused";
  constructor(
    message: string,
    readonly why: "stopped" | "unanswered",
  ) {
    super(message);
  }
}

/** Carries out one `run` on one phone; the link calls it for one run at a time. */
export interface TaskRunner {
  run(run: RunMessage, signal: AbortSignal, report: RunReport): Promise<void>;
}

/** What a script sees while it runs. */
export interface ExecutionContext {
  /** Aborted when the run is stopped or its deadline passes; the script should return soon after. */
  signal: AbortSignal;
  progress(step: string): void;
  log(level: LogLevel, message: string): Promise<void>;
  /** Stores a PNG as the task's screenshot (the latest one wins); rejects when the upload fails. */
  screenshot(png: Buffer): Promise<void>;
  /**
   * Call just before the step that may post, and do not post unless it resolves: from then on
   * a failure counts as `posted`, and a stop no longer ends the run (the post may be out, so the
   * run finishes its upload wait and reports what happened).
   */
  posting(): Promise<void>;
}

/** The script itself (post, …), driving the phone. Implemented with adb in a later step. */
export interface ScriptExecutor {
  execute(run: RunMessage, context: ExecutionContext): Promise<RunOutcome>;
}

/** Why a run's signal was aborted. */
export class RunAborted extends Error {
  override readonly name = "RunAborted";
  constructor(readonly failCode: typeof FailCode.Stopped | typeof FailCode.TimedOut) {
    super(failCode === FailCode.Stopped ? "stopped" : "deadline passed");
  }
}

/**
 * After an abort, how long a script has to wind down before the result is sent anyway.
 * Below the object's stop grace (15 s), so the task ends with our code, not a timeout.
 */
const WIND_DOWN_MS = 5_000;

/**
 * The plumbing around a script: ack first, the deadline from `deadline_at`, a stop or a
 * passed deadline ends the run as 1007 / 1008 whatever the script does, and an exception
 * becomes 1002 with its message as the remark, so every run ends with exactly one result.
 */
export class ScriptRunner implements TaskRunner {
  constructor(
    private readonly executor: ScriptExecutor,
    private readonly windDownMs = WIND_DOWN_MS,
  ) {}

  async run(run: RunMessage, stop: AbortSignal, report: RunReport): Promise<void> {
    report.ack();
    const controller = new AbortController();
    let posted = false;
    const onStop = () => {
      // Past the publishing tap a stop cannot undo the post: the run goes on to report it.
      if (posted) void report.log("warn", "a stop came after the publishing tap: the run goes on to its end");
      else controller.abort(new RunAborted(FailCode.Stopped));
    };
    if (stop.aborted) onStop();
    else stop.addEventListener("abort", onStop, { once: true });
    const deadline = setTimeout(() => controller.abort(new RunAborted(FailCode.TimedOut)), Math.max(0, run.deadline_at - Date.now()));
    const context: ExecutionContext = {
      signal: controller.signal,
      progress: (step) => report.progress(step),
      log: (level, message) => report.log(level, message),
      screenshot: (png) => report.screenshot(png),
      posting: async () => {
        controller.signal.throwIfAborted();
        await report.posting();
        posted = true;
      },
    };
    try {
      const outcome = await this.settle(this.executor.execute(run, context), controller.signal);
      await report.result(outcomeOf(outcome, controller.signal, posted));
    } finally {
      clearTimeout(deadline);
      stop.removeEventListener("abort", onStop);
    }
  }

  /** The script's outcome, or its exception; after an abort, at most `windDownMs` more. */
  private settle(execution: Promise<RunOutcome>, signal: AbortSignal): Promise<RunOutcome | Error> {
    const settled = execution.then(
      (outcome) => outcome,
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    );
    let timer: NodeJS.Timeout | undefined;
    const cut = new Promise<Error>((resolve) => {
      const start = () => {
        timer = setTimeout(() => resolve(new Error("the script did not stop")), this.windDownMs);
      };
      if (signal.aborted) start();
      else signal.addEventListener("abort", start, { once: true });
    });
    return Promise.race([settled, cut]).finally(() => clearTimeout(timer));
  }
}

function outcomeOf(outcome: RunOutcome | Error, signal: AbortSignal, posted: boolean): RunOutcome {
  const reason: unknown = signal.reason;
  if (signal.aborted && reason instanceof RunAborted) {
    return { ok: false, failCode: reason.failCode, remark: reason.message, posted };
  }
  if (outcome instanceof Error) return { ok: false, failCode: FailCode.AdbError, remark: outcome.message.slice(0, 1000), posted };
  return { ...outcome, posted: outcome.posted || posted };
}
