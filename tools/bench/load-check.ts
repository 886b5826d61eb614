import { z } from "zod";
import { expectShape, timedCall } from "./http";
import type { BenchServer } from "./server";

/** The largest page the API serves: 2,000 tasks take 20 pages. */
const PAGE_SIZE = 100;

const listAnswer = z.object({ tasks: z.array(z.object({ id: z.number() })), total: z.number() });
const statsAnswer = z.object({ total: z.number(), pending: z.number() });

export interface LostTaskCheck {
  /** Ids the creates answered (each create that answered code 0 returned one). */
  created: number;
  /** Ids answered more than once. */
  duplicates: number;
  /** Distinct ids found by paging through GET /api/v1/task afterwards. */
  listed: number;
  listTotal: number;
  statsTotal: number;
  /** Tasks still pending (no agent is connected, so all of them). */
  statsPending: number;
  /** Created ids that the list does not show. */
  lost: number;
  /** Listed ids no create answered (a create that failed after writing would show here). */
  unexpected: number;
}

/**
 * After the load, with nothing else writing: every id a create answered must be in the
 * workspace's task list (paged through in full, newest first), and the list's total and
 * GET /api/v1/task/stats's total (both a count over D1) must equal the ids answered.
 */
export async function checkLostTasks(server: BenchServer, key: string, createdIds: readonly number[], signal: AbortSignal): Promise<LostTaskCheck> {
  const created = new Set(createdIds);
  const listed = new Set<number>();
  let listTotal = 0;
  for (let page = 1; page === 1 || (page - 1) * PAGE_SIZE < listTotal; page++) {
    const path = `/api/v1/task?page=${page}&page_size=${PAGE_SIZE}`;
    const answer = expectShape(listAnswer, (await timedCall(server, key, "GET", path, undefined, signal)).data, `GET ${path}`);
    if (page === 1) listTotal = answer.total;
    for (const task of answer.tasks) listed.add(task.id);
  }
  const statsPath = "/api/v1/task/stats";
  const stats = expectShape(statsAnswer, (await timedCall(server, key, "GET", statsPath, undefined, signal)).data, `GET ${statsPath}`);
  return {
    created: createdIds.length,
    duplicates: createdIds.length - created.size,
    listed: listed.size,
    listTotal,
    statsTotal: stats.total,
    statsPending: stats.pending,
    lost: [...created].filter((id) => !listed.has(id)).length,
    unexpected: [...listed].filter((id) => !created.has(id)).length,
  };
}

/** What is wrong with the check, or nothing when no task was lost or doubled. */
export function lostTaskProblems(check: LostTaskCheck): string[] {
  const problems: string[] = [];
  if (check.duplicates > 0) problems.push(`${check.duplicates} task id(s) answered by more than one create`);
  if (check.lost > 0) problems.push(`${check.lost} created task(s) missing from GET /api/v1/task`);
  if (check.unexpected > 0) problems.push(`${check.unexpected} listed task(s) that no create answered`);
  if (check.listTotal !== check.created) problems.push(`GET /api/v1/task total ${check.listTotal}, creates answered ${check.created} ids`);
  if (check.statsTotal !== check.created) problems.push(`GET /api/v1/task/stats total ${check.statsTotal}, creates answered ${check.created} ids`);
  return problems;
}
