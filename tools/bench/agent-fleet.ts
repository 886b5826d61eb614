import { monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "../../agent/logger";
import { Outbox } from "../../agent/outbox";
import { PhoneLink } from "../../agent/phone-link";
import type { TaskRunner } from "../../agent/runner";
import type { Cleanup, StepHandle } from "./cleanup";
import { BenchFailure } from "./failure";
import type { BenchServer } from "./server";

/** Links connecting at once (each hello writes D1). */
const CONNECT_CONCURRENCY = 8;
/** From opening a socket to its welcome; locally this takes tens of milliseconds. */
const WELCOME_TIMEOUT_MS = 30_000;
/** A wait looks again this often (a link's welcome has no event of its own; the figures are the frames' own times). */
const POLL_MS = 20;
/** The event-loop delay monitor's timer; what it records includes this period. */
const LOOP_RESOLUTION_MS = 10;

/** A `run` or a `result_ack` at an agent, and when (Date.now(), epoch ms). */
export interface FrameSeen {
  serial: string;
  taskId: number;
  attemptId: string;
  atMs: number;
}

/**
 * Simulated agents made of the agent's own parts: per phone a PhoneLink (agent/phone-link.ts)
 * with its Outbox in a temp directory, as agent/fleet.ts builds one, driving a phone whose
 * script takes no time: its TaskRunner acks each run and reports it ok at once, running
 * nothing. So hello, welcome, heartbeats, frame checks, the outbox's writes and the result's
 * way out are the real agent's. Every warning or error a link logs (a refused socket, a
 * close, a frame it drops, a stop for a run it no longer has, giving up) fails the bench.
 */
export class AgentFleet {
  /** Every `run` as it was handed to a runner, in that order. */
  readonly runs: FrameSeen[] = [];
  /** Every `result_ack` as its link forgot the result from the outbox, in that order. */
  readonly resultAcks: FrameSeen[] = [];

  readonly #links: PhoneLink[] = [];
  /** This process's event-loop delay while the fleet is open: a late timestamp would show here. */
  readonly #loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  #failure: BenchFailure | undefined;
  #closing = false;
  #steps: StepHandle[] = [];

  private constructor(private readonly server: BenchServer) {}

  /**
   * Links one phone per serial, a few at a time, and resolves when every one has had its
   * welcome. The links are stopped by `close()` or, on failure and Ctrl-C, by the cleanup
   * (their sockets cut synchronously in the exit hook); the outboxes go with their directory.
   */
  static async connect(server: BenchServer, token: string, serials: readonly string[], cleanup: Cleanup, signal: AbortSignal): Promise<AgentFleet> {
    const fleet = new AgentFleet(server);
    const outboxes = await cleanup.tempDir("bench-outboxes");
    const links = cleanup.add(
      `${serials.length} agent link(s)`,
      () => fleet.#stopAll(),
      () => fleet.#killAll(),
    );
    fleet.#steps = [links, outboxes];
    fleet.#loopDelay.enable();
    const queue = [...serials];
    const worker = async () => {
      for (let serial = queue.shift(); serial !== undefined; serial = queue.shift()) {
        const link = await fleet.#link(token, serial, outboxes.dir);
        await fleet.waitUntil(() => link.connected, WELCOME_TIMEOUT_MS, `the welcome of ${serial}`, () => `${fleet.connected} of ${serials.length} welcomed`, signal);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, serials.length) }, worker));
    return fleet;
  }

  /** Links welcomed right now. */
  get connected(): number {
    return this.#links.filter((link) => link.connected).length;
  }

  /**
   * The bench process's own event-loop delay (p99 and max, ms) while the fleet was open:
   * a frame's arrival time is taken when its event runs, so a busy client would make every
   * figure late by up to this much.
   */
  loopDelay(): { p99Ms: number; maxMs: number } {
    // The histogram holds the time between the monitor's timer runs: the period plus the delay.
    const late = (ns: number) => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);
    return { p99Ms: late(this.#loopDelay.percentile(99)), maxMs: late(this.#loopDelay.max) };
  }

  /** Resolves once `done()` holds, looked at every 20 ms. Fails the bench if a link failed, the deadline passed (naming `what` and `progress()`), or Ctrl-C came. */
  async waitUntil(done: () => boolean, timeoutMs: number, what: string, progress: () => string, signal: AbortSignal): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.#failure !== undefined) throw this.#failure;
      signal.throwIfAborted();
      if (done()) return;
      if (Date.now() >= deadline) throw new BenchFailure(`${what} did not happen within ${timeoutMs / 1000} s (${progress()})\n${this.server.outputTail()}`);
      await sleep(POLL_MS);
    }
  }

  /** Stops every link (close code 1000, waiting for the close handshakes), then removes the outboxes. */
  async close(): Promise<void> {
    for (const step of this.#steps) await step.release();
  }

  async #link(token: string, serial: string, outboxes: string): Promise<PhoneLink> {
    const fail = (message: string) => this.#fail(serial, message);
    // The link reports everything unexpected through its logger, onGiveUp's reason included.
    const log: Logger = { info: () => undefined, warn: fail, error: fail };
    const outbox = await Outbox.open(outboxes, serial, log);
    // PhoneLink forgets a result from the outbox the moment its result_ack arrives (and
    // forgets log lines at no other time but replay, which this runner never leaves behind).
    const forget = outbox.acked.bind(outbox);
    outbox.acked = (taskId, attemptId) => {
      this.resultAcks.push({ serial, taskId, attemptId, atMs: Date.now() });
      return forget(taskId, attemptId);
    };
    const runner: TaskRunner = {
      run: async (run, stop, report) => {
        // Handed over in the same event as the frame's arrival, after PhoneLink checked it.
        this.runs.push({ serial, taskId: run.task_id, attemptId: run.attempt_id, atMs: Date.now() });
        report.ack();
        await report.result({ ok: true, failCode: null, remark: "bench", posted: true });
        if (stop.aborted) fail(`told to stop task ${run.task_id}: its run took too long or was stopped`);
      },
    };
    const link = new PhoneLink({ server: this.server.baseUrl, token, serial, agentId: "bench-agent", model: "bench", androidVersion: "14", outbox, runner, log, welcomeTimeoutMs: WELCOME_TIMEOUT_MS });
    this.#links.push(link);
    link.start();
    return link;
  }

  #fail(serial: string, message: string): void {
    if (this.#closing) return;
    const tail = this.server.outputTail();
    // wrangler dev rebuilds and restarts the Worker when a file it serves changes, which
    // drops every WebSocket (1006): say so rather than leave a bare close code.
    const why = tail.includes("Reloading local server") ? " (wrangler dev reloaded the Worker: a source file changed during the run)" : "";
    this.#failure ??= new BenchFailure(`the agent link of ${serial}: ${message}${why}\n${tail}`);
  }

  async #stopAll(): Promise<void> {
    this.#closing = true;
    this.#loopDelay.disable();
    await Promise.all(this.#links.map((link) => link.stop()));
  }

  #killAll(): void {
    this.#closing = true;
    this.#loopDelay.disable();
    for (const link of this.#links) link.kill();
  }
}
