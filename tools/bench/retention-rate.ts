import { RUN_BUDGET } from "../../worker/retention/run-budget";
import { BenchFailure } from "./failure";
import { timedCall } from "./http";
import type { BenchServer } from "./server";
import type { BenchWorkspace } from "./setup";
import { taskStats } from "./task-stats";

/** Runs of the job measured: each moves at most RUN_BUDGET.tasks, so at most 48,000 of the seed leave D1. */
export const RETENTION_RUNS = 8;
/** The seed spans 11.6 days back from now (a task a second): with 1 day's retention, more than ten days of its finished tasks are due. */
const RETENTION_DAYS = 1;
const CRON = "23 * * * *";

export interface RetentionRun {
  /** Finished tasks that left D1 (GET /task/stats before and after). */
  moved: number;
  /** The Cron handler's run, from the request to its answer. */
  ms: number;
}

export interface RetentionFigure {
  runs: RetentionRun[];
  /** All runs' tasks moved over all runs' time. */
  movedPerS: number;
  /** The seeded workspace's finished tasks before the first run. */
  finishedBefore: number;
}

/**
 * Section 12: the hourly history job (worker/retention/, docs/retention.md) on wrangler dev,
 * over the seeded workspace with its retention set to one day through the API: each run is
 * the Worker's own scheduled handler, started by wrangler dev's /__scheduled, and
 * what it moved is read off the workspace's counters. The seed's tasks have no log lines,
 * so a real task (with its lines) costs more per task; docs/retention.md "Cost".
 */
export async function measureRetention(server: BenchServer, workspace: BenchWorkspace, signal: AbortSignal): Promise<RetentionFigure> {
  await timedCall(server, workspace.key, "PATCH", "/api/v1/workspace", { retention_days: RETENTION_DAYS }, signal);
  const finished = async () => {
    const stats = await taskStats(server, workspace, signal);
    return stats.completed + stats.failed;
  };
  const finishedBefore = await finished();
  const runs: RetentionRun[] = [];
  let left = finishedBefore;
  for (let i = 0; i < RETENTION_RUNS; i++) {
    const started = performance.now();
    const answer = await fetch(`${server.baseUrl}/__scheduled?cron=${encodeURIComponent(CRON)}`, { signal });
    const body = await answer.text();
    const ms = performance.now() - started;
    if (!answer.ok) throw new BenchFailure(`the scheduled handler answered HTTP ${answer.status}: ${body.slice(0, 300)}\n${server.outputTail()}`);
    const now = await finished();
    runs.push({ moved: left - now, ms });
    if (left - now > RUN_BUDGET.tasks) throw new BenchFailure(`one run moved ${left - now} tasks, past its budget of ${RUN_BUDGET.tasks}`);
    left = now;
  }
  if (runs.every((r) => r.moved === 0)) throw new BenchFailure(`the history job moved nothing of ${finishedBefore} finished tasks with retention_days ${RETENTION_DAYS}`);
  const moved = runs.reduce((n, r) => n + r.moved, 0);
  const ms = runs.reduce((n, r) => n + r.ms, 0);
  return { runs, movedPerS: moved / (ms / 1000), finishedBefore };
}
