import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { generateCredential } from "../../shared/credentials";
import { d1Execute, rowsOf } from "../lib/d1";
import { type LocalTarget, prepareLocalDatabase } from "../lib/prepare-local";
import { sql, sqlBatch } from "../lib/sql";
import type { Cleanup } from "./cleanup";
import { BenchFailure } from "./failure";
import { expectShape, timedCall } from "./http";
import { runLoad } from "./load-clients";
import { loadPlan } from "./load-plan";
import { BENCH_SERVER_VARS, type BenchServer, startBenchServer } from "./server";
import { createWorkspaceForBench } from "./setup";

/** The largest page the API serves: 2,000 tasks take 20 pages. */
const CHECK_PAGE_SIZE = 100;

const listAnswer = z.object({ tasks: z.array(z.object({ id: z.number() })), total: z.number() });
const statsAnswer = z.object({ total: z.number(), pending: z.number() });

export type LoadFigure = Awaited<ReturnType<typeof measureLoad>>;

/**
 * Section 8: a bounded mixed load on its own wrangler dev and D1 (see load-plan.ts), then
 * the lost-task check. Fails if any request failed or any created task is missing.
 */
export async function measureLoad(scale: number, cleanup: Cleanup, signal: AbortSignal, progress: (line: string) => void) {
  const plan = loadPlan(scale);
  const { dir, release: removeTempDir } = await cleanup.tempDir("bench-load");
  try {
    const persistTo = join(dir, "d1");
    await mkdir(persistTo);
    progress(`migrations, a workspace and ${plan.clients} API keys (one wrangler d1 execute)`);
    const keys = await createKeys(await prepareLocalDatabase(persistTo), "bench-load", plan.clients);
    signal.throwIfAborted();
    const [firstKey = ""] = keys;
    progress(`starting wrangler dev with ${Object.entries(BENCH_SERVER_VARS).map(([k, v]) => `${k}=${v}`).join(", ")}`);
    const server = await startBenchServer(persistTo, firstKey, cleanup, signal);
    try {
      progress(`wrangler dev on ${server.baseUrl}; every key once (unmeasured), then ${plan.creates} creates and ${plan.reads} reads from ${plan.clients} clients`);
      await Promise.all(keys.map((key) => timedCall(server, key, "GET", "/api/v1/license/check", undefined, signal)));
      const { createdIds, ...run } = await runLoad(server, keys, plan, signal, progress);
      progress(`${plan.schedule.length} requests in ${(run.wallMs / 1000).toFixed(1)} s; paging through the tasks to find every created id`);
      const check = await checkLostTasks(server, firstKey, createdIds, signal);
      const { schedule, ...counts } = plan;
      // requests: sent, every kind; lostTasks: created ids missing from the task list afterwards, 0 or the bench fails.
      const figure = { scale, ...counts, keys: keys.length, requests: schedule.length, ...run, check, lostTasks: check.lost };
      failUnlessClean(figure, server);
      return figure;
    } finally {
      await server.stop();
    }
  } finally {
    await removeTempDir();
  }
}

/**
 * A Business workspace and `count` API keys, one per client so that a per-key rate limit
 * sees each client on its own. The keys are made as `admin create-api-key` makes one
 * (generateCredential: only the secret's hash is stored) but inserted in one `wrangler d1
 * execute` batch: fifty admin calls would spawn fifty wranglers (a second or more each here).
 */
async function createKeys(target: LocalTarget, name: string, count: number): Promise<string[]> {
  const workspace = await createWorkspaceForBench(target, name);
  const credentials = await Promise.all(Array.from({ length: count }, () => generateCredential("api_key")));
  const now = Date.now();
  const results = await d1Execute(
    target,
    sqlBatch(
      ...credentials.map(
        (c, i) => sql`INSERT INTO credentials (id, workspace_id, kind, name, secret_hash, created_at)
                      VALUES (${c.id}, ${workspace.id}, 'api_key', ${`load client ${i}`}, ${c.secretHash}, ${now})`,
      ),
      sql`SELECT count(*) AS n FROM credentials WHERE workspace_id = ${workspace.id} AND kind = 'api_key'`,
    ),
  );
  const stored = rowsOf(results, count)[0]?.n;
  if (stored !== count) throw new BenchFailure(`inserted ${count} API keys into ${name} but the database holds ${String(stored)}`);
  return credentials.map((c) => c.token);
}

/**
 * After the load, with nothing else writing: every id a create answered must be in the
 * workspace's task list (paged through in full, newest first), and the list's total and
 * GET /api/v1/task/stats's total (both a count over D1) must equal the ids answered.
 */
async function checkLostTasks(server: BenchServer, key: string, createdIds: readonly number[], signal: AbortSignal) {
  const created = new Set(createdIds);
  const listed = new Set<number>();
  let listTotal = 0;
  for (let page = 1; page === 1 || (page - 1) * CHECK_PAGE_SIZE < listTotal; page++) {
    const path = `/api/v1/task?page=${page}&page_size=${CHECK_PAGE_SIZE}`;
    const answer = expectShape(listAnswer, (await timedCall(server, key, "GET", path, undefined, signal)).data, `GET ${path}`);
    if (page === 1) listTotal = answer.total;
    for (const task of answer.tasks) listed.add(task.id);
  }
  const statsPath = "/api/v1/task/stats";
  const stats = expectShape(statsAnswer, (await timedCall(server, key, "GET", statsPath, undefined, signal)).data, `GET ${statsPath}`);
  return {
    /** Ids the creates answered (each create that answered code 0 returned one). */
    created: createdIds.length,
    /** Ids answered more than once. */
    duplicates: createdIds.length - created.size,
    /** Distinct ids found by paging through GET /api/v1/task afterwards. */
    listed: listed.size,
    listTotal,
    statsTotal: stats.total,
    /** Tasks still pending (no agent is connected, so all of them). */
    statsPending: stats.pending,
    /** Created ids that the list does not show. */
    lost: [...created].filter((id) => !listed.has(id)).length,
    /** Listed ids no create answered (a create that failed after writing would show here). */
    unexpected: [...listed].filter((id) => !created.has(id)).length,
  };
}

/** Fails the bench on any failed request, and on any task lost or doubled. */
function failUnlessClean(f: LoadFigure, server: BenchServer): void {
  const { errors: e, check: c } = f;
  const problems = [
    e.total > 0 ? `${e.total} of ${f.requests} requests failed (transport ${e.transport}, HTTP ${e.http}, answer ${e.answer}, rate-limited ${e.rateLimited}); first: ${f.firstErrors.join(" | ")}` : "",
    c.duplicates > 0 ? `${c.duplicates} task id(s) answered by more than one create` : "",
    c.lost > 0 ? `${c.lost} created task(s) missing from GET /api/v1/task` : "",
    c.unexpected > 0 ? `${c.unexpected} listed task(s) that no create answered` : "",
    c.listTotal !== c.created ? `GET /api/v1/task total ${c.listTotal}, creates answered ${c.created} ids` : "",
    c.statsTotal !== c.created ? `GET /api/v1/task/stats total ${c.statsTotal}, creates answered ${c.created} ids` : "",
  ].filter((problem) => problem !== "");
  if (problems.length > 0) throw new BenchFailure(`load test: ${problems.join("; ")}\n${server.outputTail()}`);
}
