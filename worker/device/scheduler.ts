import { FailCode } from "../../shared/fail-codes";
import type { Db } from "../db/client";
import type { LibraryMaterial, RunMessage } from "../../shared/protocol/messages";
import { isScriptName, waitSecondsOf } from "../../shared/scripts";
import type { Task } from "../db/schema";
import { attentionRemark } from "../accounts/attention";
import { materialsForRun } from "../materials/run-materials";
import { agentSocket, send, socketState } from "./agent-socket";
import { type Claim, claimTask, pendingTasksOf, taskOf, unclaimTask } from "./d1-claim";
import { type Ending, endingOf, finishAttempt } from "./d1-finish";
import type { PhoneQueue, QueueRow } from "./queue";
import { blockedReason, blockLapsesAt } from "./health-report";
import { Timing } from "./timing";
import { openSecrets, putSecrets } from "../tasks/secrets/task-secrets";

export interface Identity {
  workspaceId: string;
  serial: string;
}

/** At most this many stale rows are skipped in one pass, so one alarm stays short. */
const MAX_SKIPS_PER_PASS = 50;

/**
 * The phone's scheduler: times out what waited too long, starts the next due task when
 * the phone is free and connected, and re-arms the single alarm to the next moment that
 * needs attention. Every step re-reads the queue, so it is safe to run at any time, twice,
 * or concurrently with the agent's messages.
 */
export class Scheduler {
  constructor(
    private readonly ctx: DurableObjectState,
    private readonly db: Db,
    private readonly queue: PhoneQueue,
    private readonly who: Identity,
    /** The deployment's TASK_SECRETS_KEY, for tasks whose config has secrets. */
    private readonly secretsKey: string | undefined,
  ) {}

  async pump(now = Date.now()): Promise<void> {
    await this.expire(now);
    await this.dispatch(now);
    await this.rearm();
  }

  /** D1 is the source of truth: bring back any pending task the queue does not hold. */
  async reconcile(): Promise<void> {
    this.queue.add(await pendingTasksOf(this.db, this.who.workspaceId, this.who.serial));
  }

  private async expire(now: number): Promise<void> {
    const row = this.queue.active();
    if (row === null || row.attemptId === null || row.deadlineAt === null || row.deadlineAt > now) return;
    const attempt = row.attemptId;
    switch (row.state) {
      case "dispatched":
        await this.noAck(row, attempt, now);
        return;
      case "orphaned":
        // The agent left mid-task and did not come back with a result in time. If it never
        // acked, nothing ran; if it did, the phone may have posted, so it is not retried.
        if (!row.acked) await this.takeBack(row, attempt, now);
        else await this.end(row, attempt, endingOf(FailCode.AgentLost, row), now);
        return;
      case "running": {
        const socket = agentSocket(this.ctx);
        if (socket) send(socket, { type: "stop", task_id: row.taskId, attempt_id: attempt });
        await this.end(row, attempt, endingOf(FailCode.TimedOut, row), now);
        return;
      }
      case "stopping":
        await this.end(row, attempt, endingOf(FailCode.Stopped, row), now);
        return;
      default:
        return;
    }
  }

  /** Ends an attempt in D1 and the queue; a retried task comes back as a waiting row. */
  async end(row: Pick<QueueRow, "taskId">, attemptId: string, ending: Ending, now: number) {
    // Finished, or stale (deleted, taken back): the phone is no longer busy with it, unless
    // a newer attempt of the same task runs now.
    const active = this.queue.active();
    const newerRuns = active?.taskId === row.taskId && active.attemptId !== attemptId;
    const outcome = await finishAttempt(this.db, this.who.workspaceId, row.taskId, attemptId, ending, now, { freePhone: !newerRuns });
    this.queue.finish(row.taskId, attemptId);
    if (outcome.kind === "retrying") this.queue.add([{ id: row.taskId, scheduledAt: outcome.dueAt }]);
    return outcome;
  }

  /**
   * No ack in time. The run may have reached the agent and its ack be late (a busy PC, a slow
   * network): a new attempt then would run the task twice. So while the agent is connected
   * the same run is sent again, and an agent that has it acks again; only one that never
   * answers (Timing.ackResends times) or is gone has the task taken back.
   */
  private async noAck(row: QueueRow, attemptId: string, now: number): Promise<void> {
    const socket = agentSocket(this.ctx);
    const task = socket === null || row.resends >= Timing.ackResends ? null : await taskOf(this.db, this.who.workspaceId, row.taskId, attemptId);
    if (socket !== null && task !== null) {
      // The same run again: a library pick the task holds comes back as it was.
      const config = await this.configOf(task);
      if (config === undefined) {
        await this.end(row, attemptId, endingOf(FailCode.SecretUnreadable, row), now);
        return;
      }
      const library = await materialsForRun(this.db, task, config, now);
      if (!library.ok) {
        await this.end(row, attemptId, endingOf(FailCode.MaterialNotFound, row, library.remark), now);
        return;
      }
      this.queue.resent(row.taskId, attemptId, now + Timing.ackTimeoutMs);
      send(socket, runMessageOf(task, config, attemptId, row.runDeadlineAt ?? now + Timing.runBaseMs, library.materials));
      return;
    }
    await this.takeBack(row, attemptId, now);
  }

  private async takeBack(row: QueueRow, attemptId: string, now: number): Promise<void> {
    await unclaimTask(this.db, this.who.workspaceId, row.taskId, attemptId, now);
    this.queue.release(row.taskId, attemptId, now);
  }

  private async dispatch(now: number): Promise<void> {
    for (let skips = 0; skips < MAX_SKIPS_PER_PASS; skips++) {
      const socket = agentSocket(this.ctx);
      if (socket === null || this.queue.active() !== null) return;
      if (Number(this.queue.getMeta("blocked_until") ?? 0) > now) return;
      // Too hot or too low on battery: the phone's next report (or the verdict's lapse) pumps again.
      if (blockedReason(this.queue, now) !== null) return;
      const row = this.queue.nextDue(now);
      if (row === null) return;

      // Claim here first: whatever runs while D1 answers finds the phone busy.
      const attemptId = crypto.randomUUID();
      if (!this.queue.claim(row.taskId, attemptId, now + Timing.ackTimeoutMs)) return;
      let claim: Claim;
      try {
        claim = await claimTask(this.db, this.who.workspaceId, row.taskId, attemptId, now);
      } catch (error) {
        this.queue.release(row.taskId, attemptId, row.dueAt);
        throw error;
      }
      if (claim.claimed) {
        const { task, attention } = claim;
        if (attention !== null) {
          // The account is on a screen a person must handle: running the task would only meet it again.
          await this.end(row, attemptId, endingOf(FailCode.AccountNeedsAttention, { posted: false }, attentionRemark(task.username, attention)), now);
          continue;
        }
        const config = await this.configOf(task);
        if (config === undefined) {
          await this.end(row, attemptId, endingOf(FailCode.SecretUnreadable, { posted: false }), now);
          continue;
        }
        const library = await materialsForRun(this.db, task, config, now);
        if (!library.ok) {
          // Nothing to post: the task fails here, and the phone goes on to its next one.
          await this.end(row, attemptId, endingOf(FailCode.MaterialNotFound, { posted: false }, library.remark), now);
          continue;
        }
        const run = runMessageOf(task, config, attemptId, runDeadlineOf(task, config, now), library.materials);
        this.queue.noteRun(row.taskId, attemptId, run.deadline_at, library.materials.map((m) => m.id));
        // If the socket closed meanwhile, the ack timeout takes the task back.
        send(socket, run);
        return;
      }
      this.queue.release(row.taskId, attemptId, row.dueAt);
      if (claim.why === "limit") {
        // The workspace runs its plan's device limit of tasks: look again shortly.
        this.queue.setMeta("blocked_until", String(now + Timing.limitPollMs));
        return;
      }
      this.queue.drop(row.taskId); // stopped, deleted or taken elsewhere: not ours to run
    }
  }

  /**
   * The task's script_config as the client gave it: the stored JSON with its sealed secrets put
   * back, for the run message only (never stored or logged). Undefined when they cannot be opened.
   */
  private async configOf(task: Task): Promise<Record<string, unknown> | undefined> {
    const config = JSON.parse(task.scriptConfig) as Record<string, unknown>;
    if (task.secrets === null) return config;
    const secrets = await openSecrets(this.secretsKey, this.who.workspaceId, task.secrets);
    return secrets === undefined ? undefined : putSecrets(config, secrets);
  }

  /**
   * One alarm: the earliest of the active row's deadline, the next due task while an agent is
   * here, and the moment that agent would count as silent (DeviceObject.noticeSilence). The
   * last one is what keeps presence out of D1: while heartbeats come, each wake finds the link
   * fresh and only moves the alarm on.
   */
  async rearm(): Promise<void> {
    const active = this.queue.active();
    const socket = agentSocket(this.ctx);
    const wakes: number[] = [];
    if (active?.deadlineAt != null) wakes.push(active.deadlineAt);
    if (socket !== null) {
      wakes.push(socketState(socket).lastSeenAt + Timing.agentSilentMs);
      const due = active === null ? this.queue.earliestWaiting() : null;
      if (due !== null) wakes.push(Math.max(due, Number(this.queue.getMeta("blocked_until") ?? 0), blockLapsesAt(this.queue, Date.now()) ?? 0));
    }
    const wake = wakes.length === 0 ? null : Math.min(...wakes);
    if (wake === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(wake);
  }
}

/** A run's deadline: the base time plus the waits its config asks for (a post's upload waits, a warm-up's duration). */
function runDeadlineOf(task: Task, config: Record<string, unknown>, now: number): number {
  const waits = isScriptName(task.scriptName) ? waitSecondsOf(task.scriptName, config) : 0;
  return now + Timing.runBaseMs + waits * 1000;
}

function runMessageOf(task: Task, config: Record<string, unknown>, attemptId: string, deadlineAt: number, library: LibraryMaterial[]): RunMessage {
  return {
    type: "run",
    task_id: task.id,
    attempt_id: attemptId,
    script: task.scriptName,
    config,
    platform: task.platform,
    package_name: task.packageName,
    username: task.username,
    request_index: task.requestIndex,
    deadline_at: deadlineAt,
    library,
  };
}

