import { z } from "zod";
import { BenchFailure } from "./failure";
import { expectShape, timedCall } from "./http";
import type { BenchServer } from "./server";
import type { BenchWorkspace } from "./setup";

const statsAnswer = z.object({ total: z.number(), pending: z.number(), running: z.number(), completed: z.number(), failed: z.number() });

export type TaskStats = z.infer<typeof statsAnswer>;

/** The workspace's GET /api/v1/task/stats. */
export async function taskStats(server: BenchServer, workspace: Pick<BenchWorkspace, "key">, signal: AbortSignal): Promise<TaskStats> {
  const path = "/api/v1/task/stats";
  return expectShape(statsAnswer, (await timedCall(server, workspace.key, "GET", path, undefined, signal)).data, `GET ${path}`);
}

/**
 * GET /api/v1/task/stats must show exactly `completed` tasks, all of them completed:
 * none pending, running or failed. Anything else fails the bench.
 */
export async function expectStats(
  server: BenchServer,
  workspace: BenchWorkspace,
  expected: { completed: number },
  signal: AbortSignal,
): Promise<TaskStats> {
  const stats = await taskStats(server, workspace, signal);
  const want: TaskStats = { total: expected.completed, pending: 0, running: 0, completed: expected.completed, failed: 0 };
  if ((Object.keys(want) as (keyof TaskStats)[]).some((key) => stats[key] !== want[key])) {
    throw new BenchFailure(`GET /api/v1/task/stats in ${workspace.name} answered ${JSON.stringify(stats)}; expected ${JSON.stringify(want)}`);
  }
  return stats;
}
