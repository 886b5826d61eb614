import { mkdir } from "node:fs/promises";
import { loadavg } from "node:os";
import { join } from "node:path";
import { prepareLocalDatabase } from "../lib/prepare-local";
import type { Cleanup } from "./cleanup";
import { BenchFailure } from "./failure";
import { timedCall } from "./http";
import { checkLostTasks, lostTaskProblems, type LostTaskCheck } from "./load-check";
import { ERROR_CLASSES, type ErrorClass, type LoadRun, runLoad } from "./load-clients";
import { createLoadWorkspace } from "./load-keys";
import { LOAD_KINDS, type LoadKind, loadPlan, type LoadPlan } from "./load-plan";
import { percentiles, type Percentiles } from "./percentiles";
import type { TreeFigure } from "./proc-sampler";
import { BENCH_SERVER_VARS, type BenchServer, startBenchServer } from "./server";
import { sampleTreeDuring } from "./server-cpu";

export interface LoadKindFigure extends Percentiles {
  kind: LoadKind;
  /** Answered with code 0, per second of the whole run's wall time. */
  perS: number;
}

export interface LoadFigure {
  scale: number;
  clients: number;
  keys: number;
  phones: number;
  creates: number;
  reads: number;
  /** Requests sent, every kind. */
  requests: number;
  wallMs: number;
  /** Requests answered with code 0 per second of wall time. */
  requestsPerS: number;
  kinds: LoadKindFigure[];
  /** Every request answered with code 0, whatever its kind. */
  overall: Percentiles;
  errors: Record<ErrorClass, number> & { total: number };
  firstErrors: string[];
  check: LostTaskCheck;
  /** Created ids missing from the task list afterwards: 0, or the bench fails. */
  lostTasks: number;
  /** wrangler dev's process tree over the run (Linux only): was the server working or waiting? */
  server: { tree: TreeFigure; cpuMsPerRequest: number } | undefined;
  clientCpuPercent: number;
  clientLoopDelay: { p99Ms: number; maxMs: number };
  /** 1-minute load average just before and just after the requests. */
  loadAverage: { start: number; end: number };
}

/**
 * Section 8: a bounded mixed load on its own wrangler dev and D1 (see load-plan.ts), then
 * the lost-task check. Fails if any request failed or any created task is missing.
 */
export async function measureLoad(scale: number, cleanup: Cleanup, signal: AbortSignal, progress: (line: string) => void): Promise<LoadFigure> {
  const plan = loadPlan(scale);
  const { dir, release: removeTempDir } = await cleanup.tempDir("bench-load");
  try {
    const persistTo = join(dir, "d1");
    await mkdir(persistTo);
    progress(`migrations, a workspace and ${plan.clients} API keys (one wrangler d1 execute)`);
    const workspace = await createLoadWorkspace(await prepareLocalDatabase(persistTo), "bench-load", plan.clients);
    signal.throwIfAborted();
    const [firstKey = ""] = workspace.keys;
    progress(`starting wrangler dev with ${Object.entries(BENCH_SERVER_VARS).map(([k, v]) => `${k}=${v}`).join(", ")}`);
    const server = await startBenchServer(persistTo, firstKey, cleanup, signal);
    try {
      progress(`wrangler dev on ${server.baseUrl}; every key once (unmeasured), then ${plan.creates} creates and ${plan.reads} reads from ${plan.clients} clients`);
      await Promise.all(workspace.keys.map((key) => timedCall(server, key, "GET", "/api/v1/license/check", undefined, signal)));
      const loadAtStart = loadavg()[0] ?? 0;
      const { result: run, tree } = await sampleTreeDuring(server.pid, () => runLoad(server, workspace.keys, plan, signal, progress));
      const loadAtEnd = loadavg()[0] ?? 0;
      progress(`${plan.schedule.length} requests in ${(run.wallMs / 1000).toFixed(1)} s; paging through the tasks to find every created id`);
      const check = await checkLostTasks(server, firstKey, run.createdIds, signal);
      const figure = loadFigure(scale, plan, workspace.keys.length, run, check, tree, { start: loadAtStart, end: loadAtEnd });
      failUnlessClean(figure, server);
      return figure;
    } finally {
      await server.stop();
    }
  } finally {
    await removeTempDir();
  }
}

function loadFigure(
  scale: number,
  plan: LoadPlan,
  keys: number,
  run: LoadRun,
  check: LostTaskCheck,
  tree: TreeFigure | undefined,
  loadAverage: LoadFigure["loadAverage"],
): LoadFigure {
  const seconds = run.wallMs / 1000;
  const kinds = LOAD_KINDS.flatMap((kind) => {
    const samples = run.latencies[kind];
    return samples.length === 0 ? [] : [{ kind, perS: samples.length / seconds, ...percentiles(samples) }];
  });
  const all = LOAD_KINDS.flatMap((kind) => run.latencies[kind]);
  const total = ERROR_CLASSES.reduce((n, c) => n + run.errors[c], 0);
  return {
    scale,
    clients: plan.clients,
    keys,
    phones: plan.phones,
    creates: plan.creates,
    reads: plan.reads,
    requests: plan.schedule.length,
    wallMs: run.wallMs,
    requestsPerS: all.length / seconds,
    kinds,
    overall: all.length === 0 ? { count: 0, p50: Number.NaN, p90: Number.NaN, p99: Number.NaN, max: Number.NaN } : percentiles(all),
    errors: { ...run.errors, total },
    firstErrors: run.firstErrors,
    check,
    lostTasks: check.lost,
    server: tree === undefined ? undefined : { tree, cpuMsPerRequest: (tree.cpuPercent / 100) * tree.seconds * 1000 / plan.schedule.length },
    clientCpuPercent: run.clientCpuPercent,
    clientLoopDelay: run.clientLoopDelay,
    loadAverage,
  };
}

function failUnlessClean(figure: LoadFigure, server: BenchServer): void {
  const problems = lostTaskProblems(figure.check);
  const e = figure.errors;
  if (e.total > 0) {
    problems.unshift(
      `${e.total} of ${figure.requests} requests failed (transport ${e.transport}, HTTP ${e.http}, answer ${e.answer}, rate-limited ${e.rateLimited}); first: ${figure.firstErrors.join(" | ")}`,
    );
  }
  if (problems.length > 0) throw new BenchFailure(`load test: ${problems.join("; ")}\n${server.outputTail()}`);
}
