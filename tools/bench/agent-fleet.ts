import { monitorEventLoopDelay } from "node:perf_hooks";
import WebSocket from "ws";
import { closeSocket } from "../../agent/close-socket";
import { PROTOCOL_VERSION, type ServerMessage, serverMessage } from "../../shared/protocol/messages";
import type { Cleanup, StepHandle } from "./cleanup";
import { BenchFailure } from "./failure";
import type { BenchServer } from "./server";

/** Sockets opened at once while a fleet connects (each hello writes D1). */
const CONNECT_CONCURRENCY = 8;
/** From opening a socket to its welcome; locally this takes tens of milliseconds. */
const WELCOME_TIMEOUT_MS = 30_000;
/** The event-loop delay monitor's timer; what it records includes this period. */
const LOOP_RESOLUTION_MS = 10;

/** A `run` as it reached an agent: the moment the frame arrived (Date.now(), epoch ms). */
export interface RunSeen {
  serial: string;
  taskId: number;
  attemptId: string;
  atMs: number;
}

/** A `result_ack` as it reached an agent. */
export interface ResultAckSeen {
  serial: string;
  taskId: number;
  attemptId: string;
  atMs: number;
}

/**
 * Simulated agents: one WebSocket per phone to `GET /api/v1/agent/devices/{serial}/ws`
 * with an agent token, as a real agent connects (docs/protocol.md). Each says hello and
 * waits for welcome, sends a heartbeat at the interval welcome names, and on `run`
 * answers `ack` and then `result` (ok) at once: a phone whose script takes no time. Every
 * frame from the server is validated with the protocol's own schema. Anything unexpected
 * (an invalid frame, a `stop`, a socket closed by the server) fails the bench.
 */
export class AgentFleet {
  /** Every `run` received, in arrival order. */
  readonly runs: RunSeen[] = [];
  /** Every `result_ack` received, in arrival order. */
  readonly resultAcks: ResultAckSeen[] = [];

  readonly #sockets = new Map<string, WebSocket>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #waiters = new Set<() => void>();
  /** This process's event-loop delay while the fleet is open: a late timestamp would show here. */
  readonly #loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  #failure: BenchFailure | undefined;
  #closing = false;
  #step: StepHandle | undefined;

  private constructor(
    private readonly server: BenchServer,
    private readonly token: string,
  ) {}

  /**
   * Connects one agent per serial, a few at a time, and resolves when every one has had
   * its welcome. The sockets are closed by `close()` or, on failure and Ctrl-C, by the
   * cleanup (a synchronous `terminate` in the exit hook).
   */
  static async connect(
    server: BenchServer,
    token: string,
    serials: readonly string[],
    cleanup: Cleanup,
    signal: AbortSignal,
  ): Promise<AgentFleet> {
    const fleet = new AgentFleet(server, token);
    fleet.#loopDelay.enable();
    fleet.#step = cleanup.add(
      `${serials.length} agent socket(s)`,
      () => fleet.#closeAll(),
      () => fleet.#terminateAll(),
    );
    const queue = [...serials];
    const worker = async () => {
      for (let serial = queue.shift(); serial !== undefined; serial = queue.shift()) {
        signal.throwIfAborted();
        await fleet.#open(serial, signal);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, serials.length) }, worker));
    return fleet;
  }

  get size(): number {
    return this.#sockets.size;
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

  /**
   * Resolves once `done()` holds; checked after every frame. Fails the bench if an agent
   * failed, the deadline passed (naming `what` and `progress()`), or Ctrl-C came.
   */
  async waitUntil(done: () => boolean, timeoutMs: number, what: string, progress: () => string, signal: AbortSignal): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.#failure !== undefined) throw this.#failure;
      signal.throwIfAborted();
      if (done()) return;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new BenchFailure(`${what} did not happen within ${timeoutMs / 1000} s (${progress()})\n${this.server.outputTail()}`);
      }
      let wake = () => {};
      const changed = new Promise<void>((resolve) => {
        wake = resolve;
      });
      this.#waiters.add(wake);
      const timer = setTimeout(wake, Math.min(left, 1_000));
      signal.addEventListener("abort", wake, { once: true });
      await changed;
      clearTimeout(timer);
      signal.removeEventListener("abort", wake);
      this.#waiters.delete(wake);
    }
  }

  /** Closes every socket (code 1000) and waits for the close handshakes. */
  async close(): Promise<void> {
    await this.#step?.release();
  }

  async #open(serial: string, signal: AbortSignal): Promise<void> {
    const url = `${this.server.baseUrl.replace(/^http/, "ws")}/api/v1/agent/devices/${encodeURIComponent(serial)}/ws`;
    const socket = new WebSocket(url, { headers: { authorization: `Bearer ${this.token}` }, perMessageDeflate: false });
    this.#sockets.set(serial, socket);
    let welcomed: () => void = () => {};
    let refused: (error: BenchFailure) => void = () => {};
    const welcome = new Promise<void>((resolve, reject) => {
      welcomed = resolve;
      refused = reject;
    });
    welcome.catch(() => undefined); // a failure before anyone awaits it is still reported below

    socket.on("unexpected-response", (_request, response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => {
        body += chunk.toString("utf8");
      });
      response.on("end", () => {
        const failure = new BenchFailure(`the agent socket of ${serial} was refused: HTTP ${response.statusCode} ${body.slice(0, 300)}`);
        this.#fail(failure);
        refused(failure);
        socket.terminate();
      });
    });
    socket.on("open", () => {
      socket.send(
        JSON.stringify({
          type: "hello",
          v: PROTOCOL_VERSION,
          agent_id: "bench-agent",
          serial,
          model: "bench",
          android_version: "14",
          agent_version: "0.0.0-bench",
        }),
      );
    });
    socket.on("message", (data: WebSocket.RawData) => {
      const atMs = Date.now();
      const message = parseFrame(data);
      if (message === null) {
        this.#fail(new BenchFailure(`phone ${serial}: the server sent a frame that is not a protocol message: ${String(data).slice(0, 300)}`));
        return;
      }
      this.#onMessage(serial, socket, message, atMs, welcomed);
    });
    socket.on("error", (error) => {
      const failure = new BenchFailure(`the agent socket of ${serial} failed: ${String(error)}\n${this.server.outputTail()}`);
      if (!this.#closing) this.#fail(failure);
      refused(failure);
    });
    socket.on("close", (code, reason) => {
      const tail = this.server.outputTail();
      // wrangler dev rebuilds and restarts the Worker when a file under worker/ changes,
      // which drops every WebSocket (1006): say so rather than leave a bare close code.
      const why = tail.includes("Reloading local server") ? " (wrangler dev reloaded the Worker: a source file changed during the run)" : "";
      const failure = new BenchFailure(`the server closed the agent socket of ${serial}: ${code} ${reason.toString("utf8")}${why}\n${tail}`);
      if (!this.#closing) this.#fail(failure);
      refused(failure);
    });

    const timer = setTimeout(
      () => refused(new BenchFailure(`no welcome for ${serial} within ${WELCOME_TIMEOUT_MS / 1000} s\n${this.server.outputTail()}`)),
      WELCOME_TIMEOUT_MS,
    );
    const onAbort = () => refused(new BenchFailure("interrupted"));
    signal.addEventListener("abort", onAbort, { once: true });
    try {
      await welcome;
    } finally {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
    }
    signal.throwIfAborted();
  }

  #onMessage(serial: string, socket: WebSocket, message: ServerMessage, atMs: number, welcomed: () => void): void {
    switch (message.type) {
      case "welcome": {
        const heartbeat = setInterval(() => {
          if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: "heartbeat" }));
        }, message.heartbeat_interval_ms);
        heartbeat.unref();
        this.#timers.add(heartbeat);
        welcomed();
        break;
      }
      case "run": {
        this.runs.push({ serial, taskId: message.task_id, attemptId: message.attempt_id, atMs });
        const ids = { task_id: message.task_id, attempt_id: message.attempt_id };
        socket.send(JSON.stringify({ type: "ack", ...ids }));
        socket.send(JSON.stringify({ type: "result", ...ids, ok: true, fail_code: null, remark: "bench", posted: true }));
        break;
      }
      case "result_ack":
        this.resultAcks.push({ serial, taskId: message.task_id, attemptId: message.attempt_id, atMs });
        break;
      case "stop":
        this.#fail(new BenchFailure(`phone ${serial} was told to stop task ${message.task_id}: its run took too long or was stopped`));
        break;
    }
    this.#wake();
  }

  #fail(failure: BenchFailure): void {
    this.#failure ??= failure;
    this.#wake();
  }

  #wake(): void {
    for (const wake of this.#waiters) wake();
  }

  async #closeAll(): Promise<void> {
    this.#closing = true;
    this.#loopDelay.disable();
    this.#clearTimers();
    await Promise.all([...this.#sockets.values()].map((socket) => closeSocket(socket, "bench done")));
    this.#sockets.clear();
  }

  #terminateAll(): void {
    this.#closing = true;
    this.#loopDelay.disable();
    this.#clearTimers();
    for (const socket of this.#sockets.values()) socket.terminate();
    this.#sockets.clear();
  }

  #clearTimers(): void {
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers.clear();
  }
}

function parseFrame(data: WebSocket.RawData): ServerMessage | null {
  let json: unknown;
  try {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
    json = JSON.parse(bytes.toString("utf8"));
  } catch {
    return null;
  }
  const parsed = serverMessage.safeParse(json);
  return parsed.success ? parsed.data : null;
}
