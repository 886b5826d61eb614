import { z } from "zod";
import { BenchFailure } from "./failure";
import { expectShape, timedCall } from "./http";
import type { ListCase } from "./list-cases";
import type { BenchServer } from "./server";
import type { BenchWorkspace } from "./setup";
import { summarize, timeRuns } from "./stats";

const RUNS = 10;
const listAnswer = z.object({ tasks: z.array(z.unknown()), total: z.number() });

export interface ListFigure {
  case: string;
  query: string;
  runs: number;
  medianMs: number;
  p90Ms: number;
  total: number;
  rows: number;
}

/**
 * Section 2: GET /api/v1/task over the seeded workspace. Every answer's total and page
 * length are checked against the seed, which also proves that wrangler dev serves the
 * database the seed went into.
 */
export async function measureList(
  server: BenchServer,
  workspace: BenchWorkspace,
  cases: readonly ListCase[],
  signal: AbortSignal,
): Promise<ListFigure[]> {
  const figures: ListFigure[] = [];
  for (const c of cases) {
    const path = c.query === "" ? "/api/v1/task" : `/api/v1/task?${c.query}`;
    const once = async () => {
      const answer = await timedCall(server, workspace.key, "GET", path, undefined, signal);
      const list = expectShape(listAnswer, answer.data, `GET ${path}`);
      if (list.total !== c.expectedTotal || list.tasks.length !== c.expectedRows) {
        throw new BenchFailure(
          `GET ${path} answered total ${list.total} with ${list.tasks.length} tasks; the seed has ${c.expectedTotal} and the page ${c.expectedRows}`,
        );
      }
      return answer.ms;
    };
    const summary = summarize(await timeRuns(RUNS, 1, once, signal));
    figures.push({
      case: c.name,
      query: c.query,
      runs: summary.runs,
      medianMs: summary.median,
      p90Ms: summary.p90,
      total: c.expectedTotal,
      rows: c.expectedRows,
    });
  }
  return figures;
}
