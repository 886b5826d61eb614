import { z } from "zod";
import { TaskStatus } from "../../shared/task-status";
import type { AgentWorkspace } from "./agent-setup";
import { AgentFleet } from "./agent-fleet";
import type { Cleanup } from "./cleanup";
import { BenchFailure } from "./failure";
import { expectShape, timedCall } from "./http";
import { type Percentiles, percentiles } from "./stats";
import type { BenchServer } from "./server";
import { expectStats } from "./task-stats";

export interface DispatchShape {
  phones: number;
  tasksPerPhone: number;
  /** Between one phone's consecutive due times; the phones' due times interleave evenly within it. */
  spacingMs: number;
  /** Creates in flight at once. */
  createConcurrency: number;
}

/**
 * 20 phones × 25 tasks = 500, one due every 50 ms (20 tasks/s) for 25 s; each phone's
 * tasks 1 s apart. A steady stream well below what the local runtime sustains (section 5),
 * so the figure is the scheduler's delay, not a queue's.
 */
export const DISPATCH_SHAPE: DispatchShape = { phones: 20, tasksPerPhone: 25, spacingMs: 1_000, createConcurrency: 4 };
/**
 * T0 is this far ahead: the creates' estimated time with room to spare, and a margin.
 * Creates going 4 at a time are not much faster than one after another (the local D1
 * runs one statement at a time), hence no credit for the concurrency.
 */
const LEAD_FACTOR = 1.2;
const LEAD_MARGIN_MS = 3_000;
/** After the last due time, how long the last runs and results may take. */
const DRAIN_MS = 30_000;
const PAGE_SIZE = 100;

const createAnswer = z.object({ task_ids: z.array(z.number()), created_count: z.number() });
const listAnswer = z.object({
  total: z.number(),
  tasks: z.array(
    z.object({ id: z.number(), status: z.number(), scheduled_at: z.string(), started_at: z.string().nullable() }),
  ),
});

export interface DispatchFigure {
  phones: number;
  tasks: number;
  /** Between one phone's consecutive due times. */
  spacingMs: number;
  /** Between consecutive due times of the whole workspace. */
  stepMs: number;
  /** How long before the first due time the last create was answered (negative: creates overlapped the first dues). */
  createsDoneBeforeFirstDueMs: number;
  /** Due time (the start_time sent, = the task's scheduled_at) → `run` frame at the agent. */
  dueToRun: Percentiles;
  /** Due time → the dispatching object's clock when it claimed the task (the task's started_at). */
  dueToClaim: Percentiles;
  /** started_at → `run` frame at the agent: the D1 claim, the send, the socket. */
  claimToRun: Percentiles;
  /** `run` frames beyond one per task (a re-dispatch after a missed ack); expected 0. */
  extraRuns: number;
  /** The bench process's event-loop delay while the agents were connected (monitorEventLoopDelay). */
  clientLoopDelay: { p99Ms: number; maxMs: number };
}

/**
 * Section 4: tasks due at exact future times on phones whose agents are connected; how
 * late does each `run` reach its agent? Every task has its own create (one serial, a
 * start_time in ISO with milliseconds and Z, so nothing is rounded) and its own due time:
 * task i (phone i mod 20) is due at T0 + i × 50 ms, so each phone's tasks come 1 s apart
 * and no two tasks of the workspace are due at once. Agents answer ack and result at
 * once, so a phone is free long before its next task is due. T0 leaves time for all the
 * creates, estimated from `createMs` (a one-serial create's median in section 1).
 */
export async function measureDispatch(
  server: BenchServer,
  workspace: AgentWorkspace,
  createMs: number,
  cleanup: Cleanup,
  signal: AbortSignal,
  progress: (line: string) => void,
  shape: DispatchShape = DISPATCH_SHAPE,
): Promise<DispatchFigure> {
  const serials = Array.from({ length: shape.phones }, (_, i) => `dispatch-${String(i).padStart(2, "0")}`);
  const fleet = await AgentFleet.connect(server, workspace.agentToken, serials, cleanup, signal);
  const total = shape.phones * shape.tasksPerPhone;
  const stepMs = shape.spacingMs / shape.phones;
  const leadMs = Math.ceil(LEAD_MARGIN_MS + LEAD_FACTOR * total * createMs);
  progress(`${fleet.connected} agents connected; creating ${total} tasks, one per create, due every ${stepMs} ms from ${(leadMs / 1000).toFixed(1)} s on`);

  const firstDue = Date.now() + leadMs;
  const dueOf = new Map<number, number>();
  let next = 0;
  const creator = async () => {
    for (let i = next++; i < total; i = next++) {
      const due = firstDue + i * stepMs;
      const serial = serials[i % shape.phones] ?? "";
      const label = `POST /api/v1/task (dispatch task ${i}, ${serial})`;
      const body = { serials: [serial], script_name: "post", script_config: { captions: "bench", material_list: ["clip.mp4"] }, start_time: new Date(due).toISOString() };
      const answer = await timedCall(server, workspace.key, "POST", "/api/v1/task", body, signal);
      const created = expectShape(createAnswer, answer.data, label);
      const id = created.task_ids[0];
      if (created.created_count !== 1 || id === undefined) throw new BenchFailure(`${label} created ${created.created_count} tasks, not 1`);
      if (Date.now() >= due) {
        throw new BenchFailure(`${label} was answered after its task's due time: creates take longer than estimated (${createMs.toFixed(1)} ms each)`);
      }
      dueOf.set(id, due);
    }
  };
  await Promise.all(Array.from({ length: shape.createConcurrency }, creator));
  const createsDoneBeforeFirstDueMs = firstDue - Date.now();
  const lastDue = firstDue + (total - 1) * stepMs;
  progress(`creates done ${createsDoneBeforeFirstDueMs} ms before the first due time; waiting for ${dueOf.size} runs and results`);

  const acked = () => new Set(fleet.resultAcks.filter((a) => dueOf.has(a.taskId)).map((a) => a.taskId)).size;
  await fleet.waitUntil(
    () => acked() === dueOf.size,
    lastDue - Date.now() + DRAIN_MS,
    `the result_ack of all ${dueOf.size} dispatch tasks`,
    () => `${fleet.runs.length} runs and ${acked()} result_acks received`,
    signal,
  );
  await fleet.close();

  // The first run of each task; a second would be a re-dispatch after a missed ack.
  const firstRun = new Map<number, { serial: string; atMs: number }>();
  for (const run of fleet.runs) if (!firstRun.has(run.taskId)) firstRun.set(run.taskId, run);
  const startedOf = await startedTimes(server, workspace, dueOf, signal);
  await expectStats(server, workspace, { completed: dueOf.size }, signal);

  const dueToRun: number[] = [];
  const dueToClaim: number[] = [];
  const claimToRun: number[] = [];
  for (const [taskId, due] of dueOf) {
    const run = firstRun.get(taskId);
    const started = startedOf.get(taskId);
    if (run === undefined || started === undefined) throw new BenchFailure(`dispatch task ${taskId} has no run or no started_at`);
    dueToRun.push(run.atMs - due);
    dueToClaim.push(started - due);
    claimToRun.push(run.atMs - started);
  }
  return {
    phones: shape.phones,
    tasks: dueOf.size,
    spacingMs: shape.spacingMs,
    stepMs,
    createsDoneBeforeFirstDueMs,
    dueToRun: percentiles(dueToRun),
    dueToClaim: percentiles(dueToClaim),
    claimToRun: percentiles(claimToRun),
    extraRuns: fleet.runs.filter((r) => dueOf.has(r.taskId)).length - firstRun.size,
    clientLoopDelay: fleet.loopDelay(),
  };
}

/**
 * Every dispatch task's started_at (the object's clock when it claimed the task), read
 * back through GET /api/v1/task. Also checks that each is completed and that its
 * scheduled_at is exactly the start_time sent: the due time was not moved or rounded.
 */
async function startedTimes(
  server: BenchServer,
  workspace: AgentWorkspace,
  dueOf: ReadonlyMap<number, number>,
  signal: AbortSignal,
): Promise<Map<number, number>> {
  const started = new Map<number, number>();
  for (let page = 1; started.size < dueOf.size; page++) {
    const path = `/api/v1/task?page=${page}&page_size=${PAGE_SIZE}`;
    const list = expectShape(listAnswer, (await timedCall(server, workspace.key, "GET", path, undefined, signal)).data, `GET ${path}`);
    if (list.total !== dueOf.size) throw new BenchFailure(`GET ${path}: the workspace holds ${list.total} tasks, not ${dueOf.size}`);
    if (list.tasks.length === 0) break;
    for (const task of list.tasks) {
      const due = dueOf.get(task.id);
      if (due === undefined) throw new BenchFailure(`GET ${path}: task ${task.id} was not made by the dispatch section`);
      if (Date.parse(task.scheduled_at) !== due) {
        throw new BenchFailure(`task ${task.id} is scheduled at ${task.scheduled_at}; its start_time was ${new Date(due).toISOString()}`);
      }
      if (task.status !== TaskStatus.Completed || task.started_at === null) {
        throw new BenchFailure(`task ${task.id} has status ${task.status} and started_at ${String(task.started_at)} after its result_ack`);
      }
      started.set(task.id, Date.parse(task.started_at));
    }
  }
  if (started.size !== dueOf.size) throw new BenchFailure(`the task list showed ${started.size} of ${dueOf.size} dispatch tasks`);
  return started;
}
