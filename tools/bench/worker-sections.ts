import { prepareLocalDatabase } from "../lib/prepare-local";
import type { Cleanup } from "./cleanup";
import { createAgentWorkspace } from "./agent-setup";
import { type CreateFigure, measureCreate } from "./create-latency";
import { localDatabaseId } from "./d1-id";
import { measurePlans, measureStats, type PlanFigure, type StatementFigure } from "./d1-plans";
import { type DispatchFigure, measureDispatch } from "./dispatch-latency";
import { listCases } from "./list-cases";
import { type ListFigure, measureList } from "./list-latency";
import { measureRetention, type RetentionFigure } from "./retention-rate";
import { openLocalD1 } from "./local-d1";
import { type SeedResult, SEED_TASKS, seedTasks } from "./seed";
import { startBenchServer } from "./server";
import { createBenchWorkspace } from "./setup";
import { measureThroughput, type ThroughputFigure } from "./throughput";

/** Sections 1 to 5 and 12: the Worker on wrangler dev and its local D1. */
export interface WorkerFigures {
  seed: SeedResult & { tasks: number };
  create: CreateFigure[];
  list: ListFigure[];
  /** Section 3 on the seeded database as it is (no statistics). */
  plans: PlanFigure[];
  /** Section 3 again after PRAGMA optimize, at the very end. */
  plansOptimized: PlanFigure[];
  /** Section 3: GET /task/stats's statement, before and after PRAGMA optimize. */
  stats: StatementFigure;
  statsOptimized: StatementFigure;
  /** sqlite_stat1 rows about tasks that PRAGMA optimize left (0: it gathered nothing). */
  optimizedStatRows: number;
  /** Section 4: due time → run at connected simulated agents. */
  dispatch: DispatchFigure;
  /** Section 5: create → run → result with 1 and 100 connected agents. */
  throughput: ThroughputFigure[];
  /** Section 12: the history job's runs over the seeded workspace, last of all (it removes tasks). */
  retention: RetentionFigure;
}

/**
 * Sections 1 to 5 and 12, in the order the local D1 allows: Miniflare and wrangler dev never have
 * the SQLite file open at the same time.
 *   1. a temp state directory, migrations, three workspaces with keys, one with an agent
 *      token too (admin operations);
 *   2. Miniflare: seed 1,000,000 tasks, section 3 without statistics; closed;
 *   3. wrangler dev: sections 1 and 2 over HTTP, sections 4 and 5 with simulated agents
 *      on WebSockets; the sockets closed, wrangler dev stopped;
 *   4. Miniflare: PRAGMA optimize, section 3 again; closed;
 *   5. wrangler dev again: section 12, the history job moving seeded tasks out of D1.
 */
export async function runWorkerSections(cleanup: Cleanup, signal: AbortSignal, progress: (line: string) => void): Promise<WorkerFigures> {
  const { dir } = await cleanup.tempDir("bench");
  progress(`state directory ${dir}; applying migrations`);
  const [target, databaseId] = await both(prepareLocalDatabase(dir), localDatabaseId());
  signal.throwIfAborted();
  progress("creating workspaces, API keys and an agent token (admin operations)");
  const listed = await createBenchWorkspace(target, "bench-list");
  const creating = await createBenchWorkspace(target, "bench-create");
  const agents = await createAgentWorkspace(target, "bench-agents");
  signal.throwIfAborted();

  progress(`seeding ${SEED_TASKS.toLocaleString("en-US")} tasks through Miniflare's D1`);
  let d1 = await openLocalD1(dir, databaseId, listed.id, cleanup);
  const seed = await seedTasks(d1.db, listed.id);
  progress(`seeded in ${(seed.ms / 1000).toFixed(1)} s; measuring rows_read and query plans`);
  const cases = listCases(seed);
  const plans = await measurePlans(d1.db, listed.id, cases);
  const stats = await measureStats(d1.db, listed.id);
  await d1.close();
  signal.throwIfAborted();

  progress("starting wrangler dev");
  const server = await startBenchServer(dir, listed.key, cleanup, signal);
  progress(`wrangler dev on ${server.baseUrl}; section 1: create latency`);
  const create = await measureCreate(server, creating, signal);
  progress("section 2: list latency");
  const list = await measureList(server, listed, cases, signal);
  progress("section 4: dispatch latency with 20 connected agents");
  const dispatch = await measureDispatch(server, agents, create[0]?.medianMs ?? 50, cleanup, signal, progress);
  progress("section 5: throughput create → run → result");
  const throughput = await measureThroughput(server, agents, dispatch.tasks, cleanup, signal, progress);
  progress("stopping wrangler dev");
  await server.stop();
  signal.throwIfAborted();

  progress("PRAGMA optimize, then rows_read and query plans again");
  d1 = await openLocalD1(dir, databaseId, listed.id, cleanup);
  await d1.db.prepare("PRAGMA optimize").run();
  const statRows = await d1.db.prepare("SELECT count(*) AS n FROM sqlite_stat1 WHERE tbl = 'tasks'").first<{ n: number }>();
  const plansOptimized = await measurePlans(d1.db, listed.id, cases);
  const statsOptimized = await measureStats(d1.db, listed.id);
  await d1.close();
  signal.throwIfAborted();

  progress("section 12: the history job, on wrangler dev again");
  const again = await startBenchServer(dir, listed.key, cleanup, signal);
  const retention = await measureRetention(again, listed, signal);
  await again.stop();

  return {
    seed: { ...seed, tasks: SEED_TASKS },
    create,
    list,
    plans,
    plansOptimized,
    stats,
    statsOptimized,
    optimizedStatRows: statRows?.n ?? 0,
    dispatch,
    throughput,
    retention,
  };
}

/**
 * Both results, but only once both have settled: each runs a wrangler process, and the
 * cleanup must not remove the directory while one of them may still write to it.
 */
async function both<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [ra, rb] = await Promise.allSettled([a, b]);
  if (ra.status === "rejected") throw ra.reason;
  if (rb.status === "rejected") throw rb.reason;
  return [ra.value, rb.value];
}
