import { FailCode } from "../shared/fail-codes";
import type { PhoneHealth, RunMessage } from "../shared/protocol/messages";
import { AdbStateReport } from "./adb-state-report";
import { PhoneTracker, type PhoneTrackerOptions } from "./adb/phone-tracker";
import type { BackoffPolicy } from "./backoff";
import { consoleLogger, type Logger } from "./logger";
import { Outbox } from "./outbox";
import { PhoneLink } from "./phone-link";
import { type ExecutionContext, type RunOutcome, type RunReport, type ScriptExecutor, ScriptRunner, type TaskRunner } from "./runner";

export interface FleetOptions {
  /** Base URL of the API (config.server). */
  server: string;
  /** The agent token (config.token). */
  token: string;
  agentId: string;
  /** Outboxes live under `<stateDir>/outbox/`. */
  stateDir: string;
  adbHost: string;
  adbPort: number;
  /** The script for one phone: injected, so the fleet knows nothing of what a script does. */
  executorFor: (serial: string) => ScriptExecutor;
  /** The phone's model and Android version for the server's device list (hello); optional. */
  describe?: (serial: string) => Promise<PhoneDescription>;
  /** Reads a phone's condition (agent/health/) for its link to report; optional. */
  healthOf?: (serial: string) => () => Promise<PhoneHealth | null>;
  /** Tell the server every phone the adb server lists, unauthorized and offline ones too (default true). */
  reportAdbStates?: boolean;
  /** The agent's own messages about one phone (default: stderr tagged with the serial). */
  logFor?: (serial: string) => Logger;
  /** The fleet's and the tracker's own messages (default: stderr tagged "adb"). */
  log?: Logger;
  /** Passed on to the PhoneTracker (reconcile interval, adb deadline, backoff). */
  tracker?: Pick<PhoneTrackerOptions, "reconcileMs" | "timeoutMs" | "backoff">;
  /** Passed on to every PhoneLink. */
  linkBackoff?: BackoffPolicy;
  phoneTakenRetryMs?: number;
  /** After a phone goes offline mid-run, how long its script has to return before 1001 is reported anyway. */
  offlineWindDownMs?: number;
}

export interface PhoneDescription {
  model: string;
  androidVersion: string;
}

/** After an abort, ScriptRunner gives a script 5 s; the same here after the phone went offline. */
const OFFLINE_WIND_DOWN_MS = 5_000;

interface Phone {
  link: PhoneLink;
  runner: PhoneRunner;
  log: Logger;
}

/**
 * Every phone the adb server can drive gets one PhoneLink (state `device`, as PhoneTracker
 * reports it). When a phone goes offline a run in progress is aborted and ends failed 1001
 * (device offline, `posted` as the run's context says); that result is sent before the link
 * closes (and replayed from the outbox if it could not be).
 * Online and offline of one serial are handled in order, one at a time: a link is opened
 * only once the previous one, and its run, are over.
 */
export class Fleet {
  private readonly tracker: PhoneTracker;
  private readonly phones = new Map<string, Phone>();
  /** Per serial, the last online/offline change still being carried out. */
  private readonly queues = new Map<string, Promise<void>>();
  private readonly log: Logger;
  private running = false;
  private draining = false;
  private readonly report: AdbStateReport | undefined;

  constructor(private readonly options: FleetOptions) {
    this.log = options.log ?? consoleLogger("adb");
    this.tracker = new PhoneTracker({ ...options.tracker, host: options.adbHost, port: options.adbPort, log: this.log });
    if (options.reportAdbStates !== false) {
      this.report = new AdbStateReport({ server: options.server, token: options.token, agentId: options.agentId, states: () => this.tracker.states, log: this.log });
      this.tracker.on("state", () => this.report?.changed());
    }
    this.tracker.on("online", (serial) => this.enqueue(serial, () => this.open(serial)));
    this.tracker.on("offline", (serial) => this.enqueue(serial, () => this.close(serial, "offline")));
  }

  /** Serials with an open link (welcomed or reconnecting). */
  get serials(): string[] {
    return [...this.phones.keys()];
  }

  /** The link of a phone, while it is online. */
  link(serial: string): PhoneLink | undefined {
    return this.phones.get(serial)?.link;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.tracker.start();
    this.report?.start();
  }

  /**
   * Stops watching adb and closes every link (the object marks the phones offline at once).
   * A run in progress is not aborted: as with PhoneLink.stop, it carries on and its result
   * waits in the outbox for the next start; this does not wait for it.
   */
  async stop(): Promise<void> {
    this.running = false;
    this.tracker.stop();
    this.report?.stop();
    const serials = new Set([...this.queues.keys(), ...this.phones.keys()]);
    await Promise.all([...serials].map((serial) => this.enqueue(serial, () => this.close(serial, "stopping"))));
  }

  /**
   * For an update: no phone takes a new run, idle ones close their link at once and busy ones
   * when their run has ended; no new phone is linked. Resolves when every link is closed.
   */
  async drain(): Promise<void> {
    this.draining = true;
    await Promise.all([...this.phones.values()].map(({ link }) => link.drain()));
  }

  private enqueue(serial: string, change: () => Promise<void>): Promise<void> {
    const previous = this.queues.get(serial) ?? Promise.resolve();
    const next = previous.then(change).catch((error: unknown) => {
      this.log.error(`${serial}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    });
    this.queues.set(serial, next);
    void next.then(() => {
      if (this.queues.get(serial) === next) this.queues.delete(serial);
    });
    return next;
  }

  private async open(serial: string): Promise<void> {
    if (!this.running || this.draining || this.phones.has(serial)) return;
    const { options } = this;
    const log = options.logFor?.(serial) ?? consoleLogger(serial);
    const outbox = await Outbox.open(options.stateDir, serial, log);
    const description = await this.describe(serial, log);
    if (!this.running) return;
    const runner = new PhoneRunner(options.executorFor(serial), options.offlineWindDownMs ?? OFFLINE_WIND_DOWN_MS);
    const link = new PhoneLink({
      server: options.server,
      token: options.token,
      serial,
      agentId: options.agentId,
      ...description,
      outbox,
      runner,
      log,
      ...(options.linkBackoff === undefined ? {} : { backoff: options.linkBackoff }),
      ...(options.phoneTakenRetryMs === undefined ? {} : { phoneTakenRetryMs: options.phoneTakenRetryMs }),
      ...(options.healthOf === undefined ? {} : { health: options.healthOf(serial) }),
      onGiveUp: (reason) => log.error(`the link gave up (${reason}); the phone stays unlinked until it reconnects over adb or the agent restarts`),
    });
    this.phones.set(serial, { link, runner, log });
    log.info("online over adb: linking");
    link.start();
  }

  /** A phone that cannot say what it is still gets its link: the description is cosmetic. */
  private async describe(serial: string, log: Logger): Promise<Partial<PhoneDescription>> {
    if (this.options.describe === undefined) return {};
    try {
      return await this.options.describe(serial);
    } catch (error) {
      log.warn(`could not read the model and Android version: ${error instanceof Error ? error.message : String(error)}`);
      return {};
    }
  }

  private async close(serial: string, why: "offline" | "stopping"): Promise<void> {
    const phone = this.phones.get(serial);
    if (phone === undefined) return;
    this.phones.delete(serial);
    if (why === "offline") {
      phone.log.info("offline over adb: ending its run and closing the link");
      phone.runner.offline();
      // The run ends within the wind-down; its result (1001) goes out on this link while it
      // is still open, so the task fails now rather than when the phone comes back. If the
      // server is unreachable it stays in the outbox for the next link's replay.
      await phone.runner.idle();
    }
    await phone.link.stop();
  }
}

/**
 * ScriptRunner around the injected script, plus what a phone going offline does to a run:
 * the script's signal is aborted, and the run ends failed 1001 (`posted` as the script
 * reported it, or as the context's `posting()` said) once the script returns, or after
 * the wind-down if it does not.
 */
class PhoneRunner implements TaskRunner {
  private readonly gone = new AbortController();
  private readonly runner: ScriptRunner;
  private current: Promise<void> | undefined;

  constructor(
    private readonly script: ScriptExecutor,
    private readonly windDownMs: number,
  ) {
    this.runner = new ScriptRunner({ execute: (run, context) => this.execute(run, context) });
  }

  run(run: RunMessage, signal: AbortSignal, report: RunReport): Promise<void> {
    const current = this.runner.run(run, signal, report);
    this.current = current;
    return current.finally(() => {
      if (this.current === current) this.current = undefined;
    });
  }

  offline(): void {
    this.gone.abort();
  }

  /** Resolves when no run is in progress (its result is in the outbox by then). */
  async idle(): Promise<void> {
    await this.current?.catch(() => undefined);
  }

  private async execute(run: RunMessage, context: ExecutionContext): Promise<RunOutcome> {
    const offlineOutcome = (posted: boolean): RunOutcome => ({ ok: false, failCode: FailCode.DeviceOffline, remark: "the phone went offline", posted });
    if (this.gone.signal.aborted) return offlineOutcome(false);
    const signal = AbortSignal.any([context.signal, this.gone.signal]);
    const execution = this.script.execute(run, { ...context, signal });
    let timer: NodeJS.Timeout | undefined;
    let start = () => undefined as void;
    const onGone = new Promise<"cut">((resolve) => {
      start = () => {
        timer = setTimeout(() => resolve("cut"), this.windDownMs);
      };
      this.gone.signal.addEventListener("abort", start, { once: true });
    });
    const settled = execution.then(
      (outcome) => ({ outcome }),
      (error: unknown) => ({ error }),
    );
    try {
      const first = await Promise.race([settled, onGone]);
      // A stop or a deadline: ScriptRunner reports those itself, whatever we return.
      if (!this.gone.signal.aborted || context.signal.aborted) {
        if (first === "cut") throw new Error("the script did not stop");
        if ("error" in first) throw first.error;
        return first.outcome;
      }
      if (first !== "cut" && "outcome" in first && first.outcome.ok) return first.outcome;
      return offlineOutcome(first !== "cut" && "outcome" in first && first.outcome.posted);
    } finally {
      clearTimeout(timer);
      this.gone.signal.removeEventListener("abort", start);
    }
  }
}
