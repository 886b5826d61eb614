import { z } from "zod";
import type { AgentWorkspace } from "./agent-setup";
import { AgentFleet } from "./agent-fleet";
import type { Cleanup } from "./cleanup";
import { BenchFailure } from "./failure";
import { expectShape, timedCall } from "./http";
import { percentiles } from "./stats";
import type { BenchServer } from "./server";
import { expectStats } from "./task-stats";

/** Phones connected, and tasks per phone; each case is one create of phones × perPhone tasks. */
const CASES: readonly { phones: number; perPhone: number }[] = [
  { phones: 1, perPhone: 200 },
  { phones: 100, perPhone: 10 },
];
/** From the create to the last result_ack; locally a few seconds. */
const CASE_TIMEOUT_MS = 120_000;

const createAnswer = z.object({ task_ids: z.array(z.number()), created_count: z.number() });

export interface ThroughputFigure {
  phones: number;
  tasks: number;
  /** The create request, from fetch() to its answer. */
  createMs: number;
  /** From sending the create to the first `run` at an agent. */
  firstRunMs: number;
  /** From sending the create to the last `result_ack` at an agent. */
  wallMs: number;
  tasksPerS: number;
  /** Per task, from its `run` at the agent to its `result_ack` there: the object storing the result. */
  runToResultAck: { p50: number; p90: number; max: number };
  /** Per phone, from one `result_ack` to the next `run`: the object claiming the next task. */
  resultAckToNextRun: { p50: number; p90: number; max: number };
  /** The bench process's event-loop delay while the agents were connected (monitorEventLoopDelay). */
  clientLoopDelay: { p99Ms: number; maxMs: number };
}

/**
 * Section 5: one create of K tasks with no start_time (due at once) for phones whose
 * agents are connected; every agent acks and answers result ok on each run at once. The
 * wall time runs from sending the create to the last result_ack. Then the workspace's
 * task stats must show every task completed.
 */
export async function measureThroughput(
  server: BenchServer,
  workspace: AgentWorkspace,
  completedBefore: number,
  cleanup: Cleanup,
  signal: AbortSignal,
  progress: (line: string) => void,
): Promise<ThroughputFigure[]> {
  const figures: ThroughputFigure[] = [];
  let completed = completedBefore;
  for (const c of CASES) {
    const phones = Array.from({ length: c.phones }, (_, i) => `flow${c.phones}-${String(i).padStart(3, "0")}`);
    const fleet = await AgentFleet.connect(server, workspace.agentToken, phones, cleanup, signal);
    const tasks = c.phones * c.perPhone;
    progress(`${fleet.connected} agent(s) connected; one create of ${tasks} tasks`);
    // Round-robin: the create lists phone 0..n-1, then again, perPhone times.
    const serials = Array.from({ length: tasks }, (_, i) => phones[i % c.phones] ?? "");
    const body = { serials, script_name: "post", script_config: { captions: "bench", material_list: ["clip.mp4"] } };
    const label = `POST /api/v1/task with ${tasks} tasks for ${c.phones} phone(s)`;

    const sentAt = Date.now();
    const answer = await timedCall(server, workspace.key, "POST", "/api/v1/task", body, signal);
    const created = expectShape(createAnswer, answer.data, label);
    if (created.created_count !== tasks) throw new BenchFailure(`${label} created ${created.created_count} tasks`);
    const ids = new Set(created.task_ids);
    const acked = () => new Set(fleet.resultAcks.filter((a) => ids.has(a.taskId)).map((a) => a.taskId)).size;
    await fleet.waitUntil(
      () => acked() === tasks,
      CASE_TIMEOUT_MS,
      `the result_ack of all ${tasks} tasks`,
      () => `${fleet.runs.length} runs and ${acked()} result_acks received`,
      signal,
    );
    await fleet.close();
    completed += tasks;
    await expectStats(server, workspace, { completed }, signal);

    const runs = fleet.runs.filter((r) => ids.has(r.taskId));
    const acks = fleet.resultAcks.filter((a) => ids.has(a.taskId));
    if (runs.length !== tasks) throw new BenchFailure(`${label}: ${runs.length} run frames for ${tasks} tasks (a re-dispatch?)`);
    const lastAck = Math.max(...acks.map((a) => a.atMs));
    figures.push({
      phones: c.phones,
      tasks,
      createMs: answer.ms,
      firstRunMs: Math.min(...runs.map((r) => r.atMs)) - sentAt,
      wallMs: lastAck - sentAt,
      tasksPerS: tasks / ((lastAck - sentAt) / 1000),
      runToResultAck: short(runToAck(runs, acks)),
      resultAckToNextRun: short(ackToNextRun(runs, acks)),
      clientLoopDelay: fleet.loopDelay(),
    });
  }
  return figures;
}

function runToAck(runs: readonly { taskId: number; atMs: number }[], acks: readonly { taskId: number; atMs: number }[]): number[] {
  const ackAt = new Map(acks.map((a) => [a.taskId, a.atMs]));
  return runs.map((r) => (ackAt.get(r.taskId) ?? Number.NaN) - r.atMs);
}

/** Per phone, in arrival order: each run after the first, minus the result_ack before it. */
function ackToNextRun(
  runs: readonly { serial: string; atMs: number }[],
  acks: readonly { serial: string; atMs: number }[],
): number[] {
  const gaps: number[] = [];
  const acksOf = new Map<string, number[]>();
  for (const a of acks) acksOf.set(a.serial, [...(acksOf.get(a.serial) ?? []), a.atMs]);
  const runsOf = new Map<string, number[]>();
  for (const r of runs) runsOf.set(r.serial, [...(runsOf.get(r.serial) ?? []), r.atMs]);
  for (const [serial, phoneRuns] of runsOf) {
    const phoneAcks = acksOf.get(serial) ?? [];
    for (let i = 1; i < phoneRuns.length; i++) gaps.push((phoneRuns[i] ?? Number.NaN) - (phoneAcks[i - 1] ?? Number.NaN));
  }
  return gaps;
}

function short(samples: readonly number[]) {
  const p = percentiles(samples);
  return { p50: p.p50, p90: p.p90, max: p.max };
}
