import WebSocket from "ws";
import { FailCode } from "../shared/fail-codes";
import { type AgentMessageInput, CloseCode, type PhoneHealth, PROTOCOL_VERSION, type RunMessage, type ServerMessage } from "../shared/protocol/messages";
import { type BackoffPolicy, backoffDelay, DEFAULT_BACKOFF } from "./backoff";
import { closeSocket } from "./close-socket";
import { uploadScreenshot } from "./evidence";
import { encodeAgentFrame, parseServerFrame, type RefusedRun } from "./frames";
import type { Logger } from "./logger";
import type { Outbox } from "./outbox";
import { PostingRefused, type RunReport, type TaskRunner } from "./runner";
import { AGENT_VERSION } from "./version";

export interface PhoneLinkOptions {
  server: string;
  token: string;
  serial: string;
  agentId: string;
  model?: string;
  androidVersion?: string;
  outbox: Outbox;
  runner: TaskRunner;
  log: Logger;
  backoff?: BackoffPolicy;
  /** After 4409 (another live agent holds the phone): it will not let go soon, so ask rarely. */
  phoneTakenRetryMs?: number;
  /** From the socket opening to welcome; past it the connection counts as dead. */
  welcomeTimeoutMs?: number;
  /** The server refused us in a way a retry will not change (bad hello, bad token). */
  onGiveUp?: (reason: string) => void;
  /** Reads the phone's condition (agent/health/); null when it cannot be read. Sent with hello and then every `healthEveryMs`. */
  health?: () => Promise<PhoneHealth | null>;
  healthEveryMs?: number;
}

interface CurrentRun {
  run: RunMessage;
  stop: AbortController;
  nextSeq: number;
  /** A `posting` waiting for the server's answer. */
  posting?: { allow(): void; refuse(why: string): void };
}

const HANDSHAKE_TIMEOUT_MS = 10_000;
/** A phone's condition changes over minutes; a report a minute keeps the server's view fresh at little cost. */
const HEALTH_EVERY_MS = 60_000;
/** A hello does not wait longer than this for the phone's condition: the link matters more. */
const HEALTH_READ_TIMEOUT_MS = 15_000;
/** A `posting` is sent again this often until answered (it may have gone down with a socket). */
const POSTING_RESEND_MS = 3_000;
/** With no answer by then the run does not publish: better a retry later than a post the server does not know of. */
const POSTING_TIMEOUT_MS = 20_000;

/**
 * One phone's connection to its Durable Object (docs/protocol.md): hello (listing a run
 * still in progress), heartbeats at the interval welcome names, the outbox replayed after
 * every welcome, and reconnects with jittered backoff after any drop. It hands `run` to
 * the runner one at a time and turns `stop` into an abort of that run.
 */
export class PhoneLink {
  private socket: WebSocket | undefined;
  private welcomed = false;
  private stopped = false;
  private failures = 0;
  private current: CurrentRun | undefined;
  /** An update is waiting for this phone: no new run is taken (drain()). */
  private draining = false;
  private heartbeat: NodeJS.Timeout | undefined;
  private healthTimer: NodeJS.Timeout | undefined;
  private readingHealth = false;
  private welcomeTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: PhoneLinkOptions) {}

  get serial(): string {
    return this.options.serial;
  }

  /** Whether the server has welcomed the current connection. */
  get connected(): boolean {
    return this.welcomed;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  /**
   * Closes the socket with a close frame (the object marks the phone offline at once)
   * and stops reconnecting. A run in progress carries on: its result waits in the outbox.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimers();
    const socket = this.socket;
    if (socket === undefined) return;
    await closeSocket(socket, "agent stopping");
  }

  /**
   * Takes no new run, and closes the link once the one in progress has sent its result (at
   * once when there is none): for an update, which restarts the agent. The object gives a
   * closed link nothing; a run it sends meanwhile is not acked, so it is taken back, and the
   * result of the last run waits in the outbox if the server has not acked it yet.
   */
  async drain(): Promise<void> {
    this.draining = true;
    while (this.current !== undefined) await new Promise<void>((resolve) => setTimeout(resolve, 200));
    await this.stop();
  }

  /**
   * Drops the socket at once, without a close frame, and sends nothing more: to the
   * server this looks like the PC crashing. The outbox stays on disk for the next start.
   */
  kill(): void {
    this.stopped = true;
    this.clearTimers();
    this.socket?.terminate();
  }

  private connect(): void {
    const { server, serial, token, log } = this.options;
    const url = `${server.replace(/^http/, "ws")}/api/v1/agent/devices/${encodeURIComponent(serial)}/ws`;
    const socket = new WebSocket(url, {
      headers: { authorization: `Bearer ${token}` },
      perMessageDeflate: false,
      handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
    });
    this.socket = socket;
    let refusedStatus: number | undefined;

    socket.on("unexpected-response", (_request, response) => {
      refusedStatus = response.statusCode;
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      response.on("end", () => {
        log.warn(`the server refused the socket: HTTP ${String(response.statusCode)} ${body.slice(0, 300)}`);
        socket.terminate();
      });
    });
    socket.on("open", () => {
      this.welcomeTimer = setTimeout(() => {
        log.warn(`no welcome within ${this.welcomeTimeout()} ms; reconnecting`);
        socket.terminate();
      }, this.welcomeTimeout());
      void this.hello(socket);
    });
    socket.on("message", (data, isBinary) => {
      const parsed = parseServerFrame(data, isBinary);
      if (!parsed.ok) {
        this.onInvalidFrame(parsed.message, parsed.run);
        return;
      }
      this.onMessage(socket, parsed.value);
    });
    socket.on("error", (error) => log.warn(`socket error: ${error.message}`));
    socket.on("close", (code, reason) => this.onClose(socket, code, reason.toString("utf8"), refusedStatus));
  }

  /**
   * A frame the protocol refuses. One odd frame is not worth a reconnect, so it is dropped,
   * except a run whose ids can be read: dropped, its task would stay running on the server
   * until its deadline, so it is answered with a failed result naming the field and the rule.
   * 1004, which is not retried: the same run would be refused again. The runner never sees
   * it, so nothing of it reaches the phone.
   */
  private onInvalidFrame(message: string, run: RefusedRun | undefined): void {
    const { log } = this.options;
    if (run === undefined) {
      log.warn(`ignoring a frame from the server: ${message}`);
      return;
    }
    log.warn(`refusing the run of task ${run.task_id}: ${message}`);
    void this.refuse(run, message);
  }

  private async refuse(refused: RefusedRun, reason: string): Promise<void> {
    const ids = { task_id: refused.task_id, attempt_id: refused.attempt_id };
    this.sendNow({ type: "ack", ...ids });
    const remark = `the agent refused this run, nothing was done on the phone: ${reason}`.slice(0, 1000);
    const result = { type: "result" as const, ...ids, ok: false, fail_code: FailCode.MaterialNotFound, remark, posted: false, post_url: null, accounts: [] };
    // Kept like every result, so a drop before the server has it loses nothing.
    await this.options.outbox.put(result).catch((error: unknown) => this.options.log.error(`outbox: cannot keep task ${refused.task_id}'s result: ${String(error)}`));
    this.sendNow(result);
  }

  private onMessage(socket: WebSocket, message: ServerMessage): void {
    switch (message.type) {
      case "welcome":
        if (this.welcomed) return;
        this.welcomed = true;
        this.failures = 0;
        clearTimeout(this.welcomeTimer);
        this.heartbeat = setInterval(() => this.send(socket, { type: "heartbeat" }), message.heartbeat_interval_ms);
        if (this.options.health !== undefined) this.healthTimer = setInterval(() => void this.reportHealth(socket), this.options.healthEveryMs ?? HEALTH_EVERY_MS);
        void this.replay(socket);
        return;
      case "run":
        this.onRun(socket, message);
        return;
      case "stop":
        if (!this.isCurrent(message)) {
          this.options.log.warn(`stop for task ${message.task_id}, which is not running here`);
          return;
        }
        this.current?.posting?.refuse("the task was stopped before it could publish");
        this.current?.stop.abort();
        return;
      case "posting_ok":
        if (this.isCurrent(message)) this.current?.posting?.allow();
        return;
      case "result_ack":
        void this.options.outbox.acked(message.task_id, message.attempt_id).catch((error: unknown) => {
          this.options.log.error(`outbox: cannot forget task ${message.task_id}'s result: ${String(error)}`);
        });
        return;
    }
  }

  private onRun(socket: WebSocket, run: RunMessage): void {
    if (this.isCurrent(run)) {
      // The same attempt again: our ack was lost; say it again.
      this.send(socket, { type: "ack", task_id: run.task_id, attempt_id: run.attempt_id });
      return;
    }
    if (this.draining) {
      this.options.log.info(`run of task ${run.task_id} not taken: the agent is about to restart for an update`);
      return;
    }
    if (this.current !== undefined) {
      // Not acked: the object takes it back after its ack timeout and tries again later.
      this.options.log.warn(`run of task ${run.task_id} while task ${this.current.run.task_id} is running; not taken`);
      return;
    }
    const current: CurrentRun = { run, stop: new AbortController(), nextSeq: 0 };
    this.current = current;
    void this.execute(current);
  }

  /** Runs one task to its end; never rejects (a failure is logged, the slot freed). */
  private async execute(current: CurrentRun): Promise<void> {
    const { run } = current;
    const ids = { task_id: run.task_id, attempt_id: run.attempt_id };
    const report: RunReport = {
      ack: () => this.sendNow({ type: "ack", ...ids }),
      progress: (step) => this.sendNow({ type: "progress", ...ids, step: step.slice(0, 200) }),
      log: async (level, message) => {
        const line = { type: "log" as const, ...ids, seq: current.nextSeq++, at: Date.now(), level, message: message.slice(0, 4000) };
        await this.options.outbox.put(line);
        this.sendNow(line);
      },
      screenshot: (png) => uploadScreenshot(this.options.server, this.options.token, run.task_id, png),
      posting: () => this.askToPost(current),
      result: async (outcome) => {
        const result = { type: "result" as const, ...ids, ok: outcome.ok, fail_code: outcome.failCode, remark: outcome.remark.slice(0, 1000), posted: outcome.posted, post_url: outcome.postUrl ?? null, accounts: outcome.accounts ?? [] };
        await this.options.outbox.put(result);
        // Free the phone before sending, so a run the object sends right after is taken.
        if (this.current === current) this.current = undefined;
        this.sendNow(result);
      },
    };
    try {
      await this.options.runner.run(run, current.stop.signal, report);
    } catch (error) {
      this.options.log.error(`task ${run.task_id}: the runner failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } finally {
      if (this.current === current) this.current = undefined;
    }
  }

  /** `posting`, sent (again) until the server answers `posting_ok` or `stop`, or the time is up. */
  private askToPost(current: CurrentRun): Promise<void> {
    const ids = { task_id: current.run.task_id, attempt_id: current.run.attempt_id };
    return new Promise<void>((resolve, reject) => {
      const finish = (refusal?: PostingRefused) => {
        clearInterval(resend);
        clearTimeout(timeout);
        current.posting = undefined;
        if (refusal === undefined) resolve();
        else reject(refusal);
      };
      const ask = () => this.sendNow({ type: "posting", ...ids });
      const resend = setInterval(ask, POSTING_RESEND_MS);
      const timeout = setTimeout(
        () => finish(new PostingRefused(`the server did not answer before publishing (${POSTING_TIMEOUT_MS / 1000} s): not posted, so the task can run again`, "unanswered")),
        POSTING_TIMEOUT_MS,
      );
      current.posting = { allow: () => finish(), refuse: (why) => finish(new PostingRefused(why, "stopped")) };
      ask();
    });
  }

  /** The first frame: the run in progress, and the results the outbox holds for replay. */
  private async hello(socket: WebSocket): Promise<void> {
    const running = this.current === undefined ? [] : [{ task_id: this.current.run.task_id, attempt_id: this.current.run.attempt_id }];
    const held = await this.options.outbox.pending().catch((error: unknown) => {
      this.options.log.error(`cannot read the outbox: ${String(error)}`);
      return [];
    });
    const health = await this.readHealth();
    if (this.socket !== socket) return;
    this.send(socket, {
      type: "hello",
      v: PROTOCOL_VERSION,
      agent_id: this.options.agentId,
      serial: this.options.serial,
      model: this.options.model ?? "",
      android_version: this.options.androidVersion ?? "",
      agent_version: AGENT_VERSION,
      running,
      unacked: held.filter((entry) => entry.type === "result").map(({ task_id, attempt_id }) => ({ task_id, attempt_id })).slice(0, 100),
      health,
    });
  }

  /** The phone's condition, or null (no reader, a reader that failed or took too long: the link goes on without it). */
  private async readHealth(): Promise<PhoneHealth | null> {
    const read = this.options.health;
    if (read === undefined || this.readingHealth) return null;
    this.readingHealth = true;
    let timer: NodeJS.Timeout | undefined;
    try {
      const late = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), HEALTH_READ_TIMEOUT_MS);
      });
      return await Promise.race([read(), late]);
    } catch (error) {
      this.options.log.warn(`cannot read the phone's condition: ${String(error)}`);
      return null;
    } finally {
      clearTimeout(timer);
      this.readingHealth = false;
    }
  }

  private async reportHealth(socket: WebSocket): Promise<void> {
    const health = await this.readHealth();
    if (health !== null && this.socket === socket && this.welcomed) this.send(socket, { type: "health", ...health });
  }

  /** After welcome: what the outbox holds, in order; then forget log lines of runs that died with a crash. */
  private async replay(socket: WebSocket): Promise<void> {
    try {
      const entries = await this.options.outbox.pending();
      const withResult = new Set<string>();
      for (const entry of entries) {
        if (entry.type === "result") withResult.add(`${entry.task_id}/${entry.attempt_id}`);
        this.send(socket, entry);
      }
      if (entries.length > 0) this.options.log.info(`replayed ${entries.length} outbox message(s)`);
      for (const entry of entries) {
        const key = `${entry.task_id}/${entry.attempt_id}`;
        // Lines of an attempt with no result that is not running here: the run ended with a
        // crash and no result will ever take them along. Sent once; kept forever otherwise.
        if (!withResult.has(key) && !this.isCurrent(entry)) {
          withResult.add(key);
          await this.options.outbox.acked(entry.task_id, entry.attempt_id);
        }
      }
    } catch (error) {
      this.options.log.error(`outbox replay failed: ${String(error)}`);
    }
  }

  private onClose(socket: WebSocket, code: number, reason: string, refusedStatus: number | undefined): void {
    if (this.socket !== socket) return;
    this.socket = undefined;
    this.welcomed = false;
    clearInterval(this.heartbeat);
    clearInterval(this.healthTimer);
    clearTimeout(this.welcomeTimer);
    if (this.stopped) return;
    const { log } = this.options;
    if (refusedStatus === 401 || refusedStatus === 403 || code === CloseCode.BadHello || code === CloseCode.Revoked) {
      const why = refusedStatus === undefined ? `closed ${code} ${reason}` : `HTTP ${refusedStatus}`;
      log.error(`the server refused this agent (${why}); not reconnecting`);
      this.stopped = true;
      this.options.onGiveUp?.(why);
      return;
    }
    const delay =
      code === CloseCode.PhoneTaken ? (this.options.phoneTakenRetryMs ?? 30_000) : backoffDelay(this.options.backoff ?? DEFAULT_BACKOFF, this.failures++);
    log.warn(`connection closed (${code}${reason === "" ? "" : ` ${reason}`}); reconnecting in ${delay} ms`);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private isCurrent(ids: { task_id: number; attempt_id: string }): boolean {
    return this.current?.run.task_id === ids.task_id && this.current.run.attempt_id === ids.attempt_id;
  }

  /** Sends on the welcomed connection, if there is one; the outbox covers what is lost. */
  private sendNow(message: AgentMessageInput): void {
    if (this.socket !== undefined && this.welcomed) this.send(this.socket, message);
  }

  private send(socket: WebSocket, message: AgentMessageInput): void {
    if (this.stopped && message.type !== "hello") return;
    if (socket.readyState !== WebSocket.OPEN) return;
    socket.send(encodeAgentFrame(message));
  }

  private welcomeTimeout(): number {
    return this.options.welcomeTimeoutMs ?? 15_000;
  }

  private clearTimers(): void {
    clearInterval(this.heartbeat);
    clearInterval(this.healthTimer);
    clearTimeout(this.welcomeTimer);
    clearTimeout(this.retryTimer);
  }
}
