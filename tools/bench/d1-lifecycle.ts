import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { REPO_ROOT } from "../lib/repo";
import { runChild } from "./child-run";
import type { Cleanup } from "./cleanup";
import { BenchFailure } from "./failure";

/** The workerd test that counts them, and asserts every figure exactly. */
export const LIFECYCLE_TEST = "worker/device/d1-round-trips.test.ts";
/** vitest's start with workerd and the migrations: half a minute on a loaded 2-core machine. */
const TIMEOUT_MS = 300_000;

const cost = z.record(z.string(), z.object({ statements: z.number().int(), roundTrips: z.number().int() }));
const assertion = z.object({ title: z.string(), status: z.string(), failureMessages: z.array(z.string()), meta: z.object({ d1Cost: cost.optional() }) });
const jsonReport = z.object({ testResults: z.array(z.object({ assertionResults: z.array(assertion) })) });

export interface LifecycleFigure {
  /** One per test: a lifecycle, and each step's statements and round trips. */
  lifecycles: { title: string; steps: z.infer<typeof cost> }[];
}

/**
 * Section 13: D1 statements and round trips per step of a task's lifecycle. They are
 * counted inside workerd, on the statements a phone's object really sends (a recording D1
 * handle), which no process outside workerd can see; so the bench runs the test that counts
 * them, with vitest's JSON reporter, and reads each test's figures from its task meta. A test
 * that failed (a figure changed) fails the section.
 */
export async function measureLifecycle(cleanup: Cleanup, signal: AbortSignal): Promise<LifecycleFigure> {
  const { dir, release: removeTempDir } = await cleanup.tempDir("bench-lifecycle");
  const out = join(dir, "report.json");
  const vitest = join(REPO_ROOT, "node_modules", "vitest", "vitest.mjs");
  const args = [vitest, "run", "--project", "worker", LIFECYCLE_TEST, "--reporter=json", `--outputFile=${out}`];
  // vitest exits 1 when a figure changed: its report then says which, better than its output.
  const ran = await runChild(`vitest run ${LIFECYCLE_TEST}`, process.execPath, args, { cwd: REPO_ROOT, env: process.env, timeoutMs: TIMEOUT_MS }, cleanup, signal).catch((e: unknown) => e);
  const report = await readFile(out, "utf8")
    .then((text) => jsonReport.parse(JSON.parse(text)))
    .catch(() => undefined)
    .finally(removeTempDir);
  if (report === undefined) throw ran instanceof Error ? ran : new BenchFailure(`${LIFECYCLE_TEST} wrote no readable JSON report`);
  const lifecycles = report.testResults.flatMap((file) => file.assertionResults).map((test) => {
    if (test.status !== "passed" || test.meta.d1Cost === undefined) {
      throw new BenchFailure(`${LIFECYCLE_TEST}: "${test.title}" ${test.status}${test.meta.d1Cost === undefined ? ", no figures" : ""}\n${test.failureMessages.join("\n").slice(0, 3_000)}`);
    }
    return { title: test.title, steps: test.meta.d1Cost };
  });
  if (ran instanceof Error) throw ran;
  if (lifecycles.length === 0) throw new BenchFailure(`${LIFECYCLE_TEST} reported no test`);
  return { lifecycles };
}
