import { bindFoundAccounts } from "../accounts/found-accounts";
import { FailCode } from "../../shared/fail-codes";
import { type AgentMessage, CloseCode, type HelloMessage, type PostingMessage, type ResultMessage } from "../../shared/protocol/messages";
import type { Db } from "../db/client";
import { closeSocket, saveSocketState, send, socketState } from "./agent-socket";
import { credentialIsLive } from "./d1-credential";
import type { DirectoryDb } from "../shards/directory";
import { unclaimTask } from "./d1-claim";
import { appendLog, endingOf, endingOfResult, markPosted, noteProgress } from "./d1-finish";
import { recordHello } from "./d1-presence";
import { forgetHealth, takeHealth } from "./health-report";
import { ORPHANED_BY, type PhoneQueue } from "./queue";
import type { Identity, Scheduler } from "./scheduler";
import { Timing } from "./timing";

/**
 * What the object does with each message of its agent (after hello). Every handler is
 * idempotent: the agent may send a message twice (a replay after reconnecting), and the
 * second changes nothing.
 */
export class AgentMessages {
  constructor(
    private readonly db: Db,
    /** Where the connection's agent token is checked (credentials live in the directory). */
    private readonly directory: DirectoryDb,
    private readonly queue: PhoneQueue,
    private readonly scheduler: Scheduler,
    private readonly who: Identity,
  ) {}

  async handle(ws: WebSocket, message: Exclude<AgentMessage, HelloMessage>, now: number): Promise<void> {
    // A frame is proof of life, kept in the socket's attachment: the object's alarm notices a
    // silence (DeviceObject.alarm), so a heartbeat costs D1 nothing.
    const state = socketState(ws);
    state.lastSeenAt = now;
    const checkCredential = state.credentialId !== null && now - state.credentialCheckedAt >= Timing.credentialCheckMs;
    if (checkCredential) state.credentialCheckedAt = now;
    saveSocketState(ws, state);
    if (checkCredential && state.credentialId !== null && !(await credentialIsLive(this.directory, this.who.workspaceId, state.credentialId))) {
      // Revoking a token must end the sockets it opened, not only refuse new ones.
      closeSocket(ws, CloseCode.Revoked, "the agent token of this connection has been revoked");
      return;
    }

    if (message.type !== "heartbeat" && message.type !== "health" && message.type !== "result" && this.takeUp(message, now)) await this.scheduler.rearm();

    switch (message.type) {
      case "heartbeat":
        return;
      case "health": {
        const { type: _type, ...health } = message;
        // Cooled down or charged: the next due task may start now.
        if (await takeHealth(this.db, this.queue, this.who, health, now)) await this.scheduler.pump(now);
        return;
      }
      case "progress":
        // The running task's remark shows its current step, for people watching the list.
        await noteProgress(this.db, this.who.workspaceId, message);
        return;
      case "ack":
        return; // taken up above
      case "log":
        await appendLog(this.db, this.who.workspaceId, message);
        return;
      case "posting":
        await this.posting(ws, message, now);
        return;
      case "result":
        await this.result(ws, message, now);
        return;
    }
  }

  /** Hello from a new connection: record the phone, adopt or release a run left open, go. */
  async hello(ws: WebSocket, hello: HelloMessage, now: number): Promise<void> {
    saveSocketState(ws, { ...socketState(ws), agentId: hello.agent_id, connectedAt: now, lastSeenAt: now });
    await recordHello(this.db, this.who.workspaceId, hello, now);
    // Judged before the pump below: a phone that connects hot starts nothing.
    if (hello.health === null) forgetHealth(this.queue);
    else await takeHealth(this.db, this.queue, this.who, hello.health, now);
    send(ws, { type: "welcome", v: hello.v, heartbeat_interval_ms: Timing.heartbeatIntervalMs });

    const row = this.queue.active();
    if (row?.state === "orphaned" && row.attemptId !== null) {
      const stillRunning = hello.running.some((r) => r.task_id === row.taskId && r.attempt_id === row.attemptId);
      if (stillRunning) {
        // The agent kept running it through the reconnect: wait for its result as before.
        this.queue.transition(row.taskId, row.attemptId, "running", row.runDeadlineAt ?? now + Timing.runBaseMs, true);
      } else if (!row.acked) {
        // The previous connection dropped before the agent took the task: nothing ran.
        await unclaimTask(this.db, this.who.workspaceId, row.taskId, row.attemptId, now);
        this.queue.release(row.taskId, row.attemptId, now);
      } else if (hello.agent_id === this.queue.getMeta(ORPHANED_BY) && !hello.unacked.some((r) => r.task_id === row.taskId && r.attempt_id === row.attemptId)) {
        // The same agent, neither running it nor holding its result: it restarted and the
        // run died with it. Waiting out the grace would change nothing.
        const remark = row.posted ? "the agent restarted after the publishing tap; the post may be out" : "the agent restarted while the task ran, before publishing";
        await this.scheduler.end(row, row.attemptId, endingOf(FailCode.AgentLost, row, remark), now);
      }
      // Otherwise it stays orphaned until its grace ends, while the outbox replays the result
      // (or the agent that lost it comes back).
    }
    await this.scheduler.reconcile();
    await this.scheduler.pump(now);
  }

  /**
   * A message about a run proves the agent has it: an orphaned run (the agent reconnected)
   * is running again, and a dispatched one counts as acked. The ack itself may be handled
   * after a later message of the same run: the workerd tests saw it under load, on the test's
   * socket (worker/device/publishing.test.ts); whether a production socket can do the same is
   * not known, and a `posting` is proof enough that the agent has the run, so it is not
   * refused as if the run were not wanted. True when the row's deadline moved.
   */
  private takeUp(message: { task_id: number; attempt_id: string }, now: number): boolean {
    const row = this.queue.get(message.task_id);
    if ((row?.state !== "orphaned" && row?.state !== "dispatched") || row.attemptId !== message.attempt_id) return false;
    return this.queue.transition(row.taskId, message.attempt_id, "running", row.runDeadlineAt ?? now + Timing.runBaseMs, true);
  }

  /**
   * The run is about to publish. Still wanted (running, not being stopped): the task is marked
   * as possibly posted, in D1 first, and the agent may go on. Otherwise it is told to stop,
   * and nothing is posted.
   */
  private async posting(ws: WebSocket, posting: PostingMessage, now: number): Promise<void> {
    const ids = { task_id: posting.task_id, attempt_id: posting.attempt_id };
    const row = this.queue.get(posting.task_id);
    const wanted = row?.attemptId === posting.attempt_id && row.state === "running";
    if (wanted && (row.posted || (await markPosted(this.db, this.who.workspaceId, posting.task_id, posting.attempt_id, row.libraryIds, now)))) {
      this.queue.markPosted(posting.task_id, posting.attempt_id);
      send(ws, { type: "posting_ok", ...ids });
      return;
    }
    send(ws, { type: "stop", ...ids });
  }

  private async result(ws: WebSocket, result: ResultMessage, now: number): Promise<void> {
    // Stored (or already stored, or stale): either way the agent may forget it.
    const row = this.queue.get(result.task_id);
    const facts = row?.attemptId === result.attempt_id ? { posted: row.posted, stopping: row.state === "stopping", stopRequested: row.stopRequested } : null;
    const outcome = await this.scheduler.end({ taskId: result.task_id }, result.attempt_id, endingOfResult(result, facts), now);
    if (outcome.kind === "completed" && result.accounts.length > 0) await bindFoundAccounts(this.db, this.who.workspaceId, this.who.serial, result.task_id, result.accounts, now);
    send(ws, { type: "result_ack", task_id: result.task_id, attempt_id: result.attempt_id });
    await this.scheduler.pump(now);
  }
}
