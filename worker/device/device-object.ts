import { DurableObject } from "cloudflare:workers";
import { decodeUtf8 } from "../../shared/json/bounded-json";
import { parseFrameJson } from "../../shared/protocol/frame-json";
import { agentMessage, CloseCode, helloMessage } from "../../shared/protocol/messages";
import { validate } from "../../shared/validation";
import { eq } from "drizzle-orm";
import { type Db, openDb } from "../db/client";
import { workspaces } from "../db/schema";
import type { Env } from "../env";
import { type DirectoryDb, openDirectory } from "../shards/directory";
import { shardBinding, shardNames } from "../shards/shard-bindings";
import { AgentMessages } from "./agent-messages";
import { AGENT_TAG, agentSocket, closeSocket, otherSockets, saveSocketState, socketState } from "./agent-socket";
import { FailCode } from "../../shared/fail-codes";
import { endingOf } from "./d1-finish";
import { recordGone } from "./d1-presence";
import { ORPHANED_BY, PhoneQueue } from "./queue";
import { type Identity, Scheduler } from "./scheduler";
import { stopRun } from "./stop";
import { Timing } from "./timing";

/** Headers by which the Worker tells the object who is connecting (set after auth). */
export const IDENTITY_HEADERS = { workspace: "x-tm-workspace-id", serial: "x-tm-serial", credential: "x-tm-credential-id" } as const;

/**
 * One phone of one workspace: its queue, its alarm and its agent's WebSocket. The
 * Worker reaches it by RPC (enqueue, stop, forget) and forwards the agent's WebSocket
 * upgrade to it. Everything it needs after hibernation is in its SQLite or the socket's
 * attachment; nothing lives only in memory.
 */
export class DeviceObject extends DurableObject<Env> {
  private readonly directory: DirectoryDb;
  /** The workspace's shard, once known (see `database`). */
  private db: Db | null = null;
  private readonly queue: PhoneQueue;
  /** The tail of the events in progress: each waits for the one before (see `exclusive`). */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.directory = openDirectory(env);
    // SQLite storage calls are synchronous: the schema exists before the constructor
    // returns, so before any event can be delivered (what blockConcurrencyWhile would
    // guarantee for asynchronous set-up).
    this.queue = new PhoneQueue(ctx.storage.sql);
  }

  // ── RPC from the Worker ───────────────────────────────────────────────────────────

  async enqueue(who: Identity, tasks: readonly { id: number; scheduledAt: number }[]): Promise<void> {
    await this.exclusive(async () => {
      this.remember(who);
      this.queue.add(tasks);
      await this.scheduler(who, await this.database(who)).pump();
    });
  }

  /** Stops a running task: the agent is told, or, with no agent, the task ends now. */
  async stop(who: Identity, taskId: number): Promise<void> {
    await this.exclusive(async () => {
      this.remember(who);
      const db = await this.database(who);
      await stopRun(this.ctx, db, this.queue, this.scheduler(who, db), who, taskId);
    });
  }

  async forget(who: Identity, taskIds: readonly number[]): Promise<void> {
    await this.exclusive(async () => {
      this.remember(who);
      this.queue.removeWaiting(taskIds);
      await this.scheduler(who, await this.database(who)).rearm();
    });
  }

  // ── the agent's WebSocket ─────────────────────────────────────────────────────────

  override async fetch(request: Request): Promise<Response> {
    const workspaceId = request.headers.get(IDENTITY_HEADERS.workspace);
    const serial = request.headers.get(IDENTITY_HEADERS.serial);
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket" || !workspaceId || !serial) {
      return new Response("expected a WebSocket upgrade from the Worker", { status: 400 });
    }
    this.remember({ workspaceId, serial });
    const now = Date.now();
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    const holder = agentSocket(this.ctx);
    if (holder !== null && now - socketState(holder).lastSeenAt < Timing.agentSilentMs) {
      // One agent per phone. Say why on the socket, where an agent looks for it.
      server.accept();
      closeSocket(server, CloseCode.PhoneTaken, `phone ${serial} is already connected to agent ${socketState(holder).agentId ?? "?"}`);
      return new Response(null, { status: 101, webSocket: client });
    }
    if (holder !== null) closeSocket(holder, CloseCode.Replaced, "replaced by a new connection (this one went silent)");
    this.ctx.acceptWebSocket(server, [AGENT_TAG]);
    saveSocketState(server, {
      agentId: null,
      connectedAt: now,
      lastSeenAt: now,
      credentialId: request.headers.get(IDENTITY_HEADERS.credential),
      credentialCheckedAt: now,
    });
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    await this.exclusive(() => this.onMessage(ws, data));
  }

  private async onMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    const who = this.identity();
    if (who === null) return closeSocket(ws, CloseCode.ProtocolError, "phone object has no identity");
    // The agent speaks text frames; a binary one is read as UTF-8 and must be exactly that.
    const text = typeof data === "string" ? { ok: true as const, text: data } : decodeUtf8(new Uint8Array(data), "frame");
    if (!text.ok) return closeSocket(ws, CloseCode.ProtocolError, text.message);
    const json = parseFrameJson(text.text);
    if (!json.ok) return closeSocket(ws, CloseCode.ProtocolError, json.message);
    const parsed = json.value;
    const now = Date.now();
    const helloed = socketState(ws).agentId !== null;
    if (!helloed) {
      const hello = validate(helloMessage, parsed, "hello");
      if (!hello.ok) return closeSocket(ws, CloseCode.BadHello, `first message must be hello: ${hello.message}`);
      if (hello.value.serial !== who.serial) {
        return closeSocket(ws, CloseCode.BadHello, `hello names phone ${hello.value.serial}, this is ${who.serial}`);
      }
      return (await this.messages(who)).hello(ws, hello.value, now);
    }
    const message = validate(agentMessage, parsed, "message");
    if (!message.ok) return closeSocket(ws, CloseCode.ProtocolError, message.message);
    if (message.value.type === "hello") return closeSocket(ws, CloseCode.ProtocolError, "hello sent twice");
    await (await this.messages(who)).handle(ws, message.value, now);
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    closeSocket(ws, 1000, reason || "closed");
    await this.exclusive(() => this.lost(ws, code));
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    await this.exclusive(() => this.lost(ws, 1006));
  }

  // ── the alarm ─────────────────────────────────────────────────────────────────────

  override async alarm(): Promise<void> {
    await this.exclusive(async () => {
      const who = this.identity();
      if (who === null) return;
      try {
        await this.noticeSilence(Date.now());
        await this.scheduler(who, await this.database(who)).pump();
      } catch (error) {
        // Re-arm ourselves rather than rely on the platform's few retries (platform.md).
        console.error("device object alarm failed; trying again shortly", who, error);
        await this.ctx.storage.setAlarm(Date.now() + Timing.limitPollMs);
      }
    });
  }

  // ── internals ─────────────────────────────────────────────────────────────────────

  /**
   * An agent that stopped sending (a PC switched off, a cable pulled from the router: TCP may
   * say nothing for minutes) is gone once Timing.agentSilentMs has passed since its last frame,
   * as if it had closed. The alarm is armed for that moment while a link is open
   * (Scheduler.rearm), so D1's `connected` is never left standing for a dead link.
   */
  private async noticeSilence(now: number): Promise<void> {
    const socket = agentSocket(this.ctx);
    if (socket === null || now - socketState(socket).lastSeenAt < Timing.agentSilentMs) return;
    closeSocket(socket, CloseCode.Silent, `no frame for ${Math.round((now - socketState(socket).lastSeenAt) / 1000)} s`);
    await this.lost(socket, CloseCode.Silent);
  }

  /** The agent's socket went away: a task it was running waits for it to come back. */
  private async lost(ws: WebSocket, _code: number): Promise<void> {
    const who = this.identity();
    if (who === null || socketState(ws).agentId === null || otherSockets(this.ctx, ws).length > 0) return;
    const now = Date.now();
    const db = await this.database(who);
    const scheduler = this.scheduler(who, db);
    const row = this.queue.active();
    if (row?.attemptId && row.state === "stopping") {
      // The user asked to stop and there is no agent left to tell: it ends now.
      await scheduler.end(row, row.attemptId, endingOf(FailCode.Stopped, row), now);
    } else if (row?.attemptId && row.state !== "orphaned") {
      // (Already orphaned: the close that follows a silence changes nothing, its grace runs on.)
      this.queue.transition(row.taskId, row.attemptId, "orphaned", now + Timing.agentGraceMs);
      // So that this agent's next hello can say for certain whether it still has the run.
      this.queue.setMeta(ORPHANED_BY, socketState(ws).agentId);
    }
    await recordGone(db, who.workspaceId, who.serial, socketState(ws).lastSeenAt);
    await scheduler.rearm();
  }

  /**
   * Runs one event's work after the previous event's has finished. The runtime delivers a
   * new event while one awaits D1 (a subrequest, which the input gate does not hold), so an
   * ack, a result, an alarm and a stop could interleave mid-change: a result read as stale
   * while a take-back was half done left tasks running or pending with nobody to run them.
   * One at a time, each sees the queue and D1 as the one before left them.
   */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.turn.then(work, work);
    this.turn = run.catch(() => undefined);
    return run;
  }

  private remember(who: Identity): void {
    if (this.queue.getMeta("workspace_id") !== who.workspaceId) this.queue.setMeta("workspace_id", who.workspaceId);
    if (this.queue.getMeta("serial") !== who.serial) this.queue.setMeta("serial", who.serial);
  }

  private identity(): Identity | null {
    const workspaceId = this.queue.getMeta("workspace_id");
    const serial = this.queue.getMeta("serial");
    return workspaceId && serial ? { workspaceId, serial } : null;
  }

  /**
   * The D1 database of this phone's workspace (docs/shards.md): the directory's answer, asked
   * once and kept in the object's storage, since a workspace never moves. A Worker with one
   * database has nothing to ask.
   */
  private async database(who: Identity): Promise<Db> {
    if (this.db !== null) return this.db;
    let shard = this.queue.getMeta("shard") ?? (shardNames(this.env).length === 1 ? "DB" : null);
    if (shard === null) {
      const row = await this.directory.select({ shard: workspaces.shard }).from(workspaces).where(eq(workspaces.id, who.workspaceId)).get();
      if (row === undefined) throw new Error(`workspace ${who.workspaceId} of phone ${who.serial} is not in the directory`);
      shard = row.shard;
      this.queue.setMeta("shard", shard);
    }
    this.db = openDb(shardBinding(this.env, shard));
    return this.db;
  }

  private scheduler(who: Identity, db: Db): Scheduler {
    return new Scheduler(this.ctx, db, this.queue, who, this.env.TASK_SECRETS_KEY);
  }

  private async messages(who: Identity): Promise<AgentMessages> {
    const db = await this.database(who);
    return new AgentMessages(db, this.directory, this.queue, this.scheduler(who, db), who);
  }
}
