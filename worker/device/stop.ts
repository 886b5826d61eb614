import { FailCode } from "../../shared/fail-codes";
import type { Db } from "../db/client";
import { agentSocket, send } from "./agent-socket";
import { endingOf, endStopped } from "./d1-finish";
import type { PhoneQueue } from "./queue";
import type { Identity, Scheduler } from "./scheduler";
import { Timing } from "./timing";

/**
 * Stop of a running task. With the agent connected, it is told to abort and its result
 * (failed, 1007) ends the task; if it does not answer within the stop grace, the task
 * ends anyway. With no agent connected, the task ends at once. Past the publishing tap
 * the post may be out: the stop is noted and sent, and the run is let finish (its upload
 * wait), so the task ends as what happened, not as "stopped".
 */
export async function stopRun(
  ctx: DurableObjectState,
  db: Db,
  queue: PhoneQueue,
  scheduler: Scheduler,
  who: Identity,
  taskId: number,
): Promise<void> {
  const now = Date.now();
  const row = queue.get(taskId);
  const socket = agentSocket(ctx);
  if (row?.attemptId && row.posted) {
    queue.markStopRequested(taskId, row.attemptId);
    if (socket) send(socket, { type: "stop", task_id: taskId, attempt_id: row.attemptId });
    return;
  }
  if (row?.attemptId && socket && row.state !== "waiting") {
    send(socket, { type: "stop", task_id: taskId, attempt_id: row.attemptId });
    if (row.state !== "stopping") queue.transition(taskId, row.attemptId, "stopping", now + Timing.stopGraceMs);
    await scheduler.rearm();
    return;
  }
  if (row?.attemptId) {
    await scheduler.end(row, row.attemptId, endingOf(FailCode.Stopped, row), now);
  } else {
    // Running in D1 but unknown here (state lost, or never run by this object): end it.
    await endStopped(db, who.workspaceId, taskId, now);
  }
  await scheduler.pump(now);
}
