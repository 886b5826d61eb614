import { z } from "zod";
import { BenchFailure } from "./failure";
import { expectShape, timedCall } from "./http";
import type { BenchServer } from "./server";
import type { BenchWorkspace } from "./setup";
import { summarize, timeRuns } from "./stats";

/** Serials per create, and measured runs of each (after one warm-up). */
const SIZES: readonly { serials: number; runs: number }[] = [
  { serials: 1, runs: 20 },
  { serials: 100, runs: 10 },
  { serials: 1000, runs: 5 },
];

const createAnswer = z.object({ task_ids: z.array(z.number()), created_count: z.number() });

export interface CreateFigure {
  serials: number;
  runs: number;
  medianMs: number;
  p90Ms: number;
  /** The median divided by the number of tasks made. */
  msPerTask: number;
}

/** Section 1: POST /api/v1/task, sequentially, with the same serials each time. */
export async function measureCreate(server: BenchServer, workspace: BenchWorkspace, signal: AbortSignal): Promise<CreateFigure[]> {
  const figures: CreateFigure[] = [];
  for (const size of SIZES) {
    const body = {
      serials: Array.from({ length: size.serials }, (_, i) => `bench-${i}`),
      script_name: "post",
      script_config: { captions: "bench", material_list: ["clip.mp4"] },
    };
    const label = `POST /api/v1/task with ${size.serials} serial(s)`;
    const once = async () => {
      const answer = await timedCall(server, workspace.key, "POST", "/api/v1/task", body, signal);
      const created = expectShape(createAnswer, answer.data, label);
      if (created.created_count !== size.serials || created.task_ids.length !== size.serials) {
        throw new BenchFailure(`${label} created ${created.created_count} tasks`);
      }
      return answer.ms;
    };
    const summary = summarize(await timeRuns(size.runs, 1, once, signal));
    figures.push({
      serials: size.serials,
      runs: summary.runs,
      medianMs: summary.median,
      p90Ms: summary.p90,
      msPerTask: summary.median / size.serials,
    });
  }
  return figures;
}
