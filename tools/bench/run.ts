import { loadavg } from "node:os";
import type { Cleanup } from "./cleanup";
import { type DashboardResult, measureDashboard } from "./dashboard";
import { type IdleResult, measureIdleAgent } from "./idle-agent";
import { type LibraryFigure, measureLibrary } from "./library-throughput";
import { type LoadFigure, measureLoad } from "./load-test";
import { LIFECYCLE_TEST, type LifecycleFigure, measureLifecycle } from "./d1-lifecycle";
import { describeMachine, type Machine } from "./machine";
import { measurePresence, type PresenceFigure } from "./presence";
import { measurePushRatio, type PushFigure } from "./push-ratio";
import { codeRevision } from "./revision";
import { BENCH_SERVER_VARS } from "./server";
import { runWorkerSections, type WorkerFigures } from "./worker-sections";

/**
 * What `--only` picks from: `worker` is sections 1 to 5 and 12 (they share one seeded
 * database), `push` section 6, `idle` section 7, `load` section 8, `library`
 * section 9, `dashboard` section 10, `presence` section 11, `lifecycle` section 13.
 */
export const SECTIONS = ["worker", "push", "idle", "load", "library", "dashboard", "presence", "lifecycle"] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchReport {
  machine: Machine;
  /** The commit measured, and whether the Worker's files differed from it. */
  code: string;
  startedAt: string;
  durationS: number;
  /** 1-minute load average before and after: other work on the machine skews timings. */
  loadAverage: { start: number; end: number };
  sections: Section[];
  /** The Worker's vars every wrangler dev of the run got (the rate limit raised). */
  serverVars: Readonly<Record<string, string>>;
  /** Sections 1 to 5 and 12. */
  worker?: WorkerFigures;
  /** Section 6: a 50 MB push through the agent's driver and through the adb CLI. */
  push?: PushFigure;
  /** Section 7: the packed agent's memory and CPU with 0, 1, 20 and 100 idle phones, and per phone. */
  idleAgent?: IdleResult;
  /** Section 8: a bounded mixed load from 50 clients on wrangler dev. */
  load?: LoadFigure;
  /** Section 9: a 200 MB file into the material library and back out to the agent. */
  library?: LibraryFigure;
  /** Section 10: the dashboard's pages in Chromium over Slow 4G, 100 phones and 10,000 tasks. */
  dashboard?: DashboardResult;
  /** Section 11: D1 rows written while 1,000 phones heartbeat with no task. */
  presence?: PresenceFigure;
  /** Section 13: D1 statements and round trips per step of a task's lifecycle (the workerd test that asserts them). */
  lifecycle?: LifecycleFigure;
}

export interface BenchSettings {
  /** Section 8's request counts times this (1: 2,000 creates and 20,000 reads). */
  loadScale: number;
}

/** The chosen sections, in their order, each stopping all it started before the next begins. */
export async function runBench(
  sections: ReadonlySet<Section>,
  settings: BenchSettings,
  cleanup: Cleanup,
  signal: AbortSignal,
  progress: (line: string) => void,
): Promise<BenchReport> {
  const started = Date.now();
  const loadAtStart = loadavg()[0] ?? 0;
  const [machine, code] = await Promise.all([describeMachine(), codeRevision()]);
  const report: BenchReport = {
    machine,
    code,
    startedAt: new Date(started).toISOString(),
    durationS: 0,
    loadAverage: { start: loadAtStart, end: 0 },
    sections: SECTIONS.filter((s) => sections.has(s)),
    serverVars: BENCH_SERVER_VARS,
  };
  // Each section's progress line and its measurement, which stores its figure in the report.
  const steps: Record<Section, [string, () => Promise<unknown>]> = {
    worker: ["sections 1 to 5 and 12: the Worker", async () => (report.worker = await runWorkerSections(cleanup, signal, progress))],
    push: ["section 6: push throughput, agent driver vs adb push", async () => (report.push = await measurePushRatio(cleanup, signal, progress))],
    idle: ["section 7: the packed agent with 0, 1, 20 and 100 idle phones", async () => (report.idleAgent = await measureIdleAgent(cleanup, signal, progress))],
    load: ["section 8: load, 50 clients with a mix of creates and reads", async () => (report.load = await measureLoad(settings.loadScale, cleanup, signal, progress))],
    library: ["section 9: the material library, a 200 MB file in and out", async () => (report.library = await measureLibrary(cleanup, signal, progress))],
    dashboard: ["section 10: the dashboard's first render in Chromium over Slow 4G", async () => (report.dashboard = await measureDashboard(cleanup, signal, progress))],
    presence: ["section 11: D1 writes with 1,000 heartbeating phones", async () => (report.presence = await measurePresence(cleanup, signal, progress))],
    lifecycle: [`section 13: D1 per task lifecycle (vitest ${LIFECYCLE_TEST})`, async () => (report.lifecycle = await measureLifecycle(cleanup, signal))],
  };
  for (const section of report.sections) {
    signal.throwIfAborted();
    const [what, measure] = steps[section];
    progress(what);
    await measure();
  }
  report.durationS = Math.round((Date.now() - started) / 100) / 10;
  report.loadAverage.end = loadavg()[0] ?? 0;
  return report;
}
