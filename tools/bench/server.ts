import { rmSync } from "node:fs";
import { parseDevArgs } from "../lib/dev-args";
import { startDevServer } from "../lib/dev-server";
import { killGroup } from "../lib/process-group";
import { waitForHttp } from "../lib/wait-for-http";
import { freePort } from "../testing/free-port";
import { makeTempDir, removeDir } from "../testing/temp-dir";
import type { Cleanup } from "./cleanup";
import { BenchFailure } from "./failure";
import { whenAborted } from "./interrupt";
import { snapshotWorker } from "./worker-snapshot";

/** wrangler dev answers in about 4 s here; beyond this something is wrong. */
const READY_TIMEOUT_MS = 90_000;
/** How much of wrangler's output is kept for error messages. */
const OUTPUT_KEPT = 8_000;

/**
 * The bench measures the service, not the per-key rate limiter (worker/rate-limit/): the
 * limit is raised far above what any section sends, and the limiter is still asked on
 * every request, as in production. At its default (10 a second) sections 1 and 4, which
 * send hundreds of creates with one key, are refused with 42901.
 */
export const BENCH_SERVER_VARS: Readonly<Record<string, string>> = { RATE_LIMIT_PER_SECOND: "1000", RATE_LIMIT_BURST: "10000" };

export interface BenchServer {
  baseUrl: string;
  /** wrangler's process, the leader of its group (workerd and esbuild are its children). */
  pid: number;
  /** The end of wrangler's output, for an error message. */
  outputTail(): string;
  stop(): Promise<void>;
}

/**
 * `wrangler dev` on a free 127.0.0.1 port over the bench's state directory, in a process
 * group of its own (startDevServer), with its output kept rather than printed: it logs
 * every request. Ready when license/check answers 200 with `key`. The Worker's vars
 * BENCH_SERVER_VARS are passed as `--var NAME:VALUE` (over wrangler.toml's). It serves a
 * copy of the Worker taken now (worker-snapshot.ts), so edits during the run do not
 * restart it.
 */
export async function startBenchServer(
  persistTo: string,
  key: string,
  cleanup: Cleanup,
  signal: AbortSignal,
): Promise<BenchServer> {
  const port = await freePort();
  const copy = await makeTempDir("bench-worker");
  const copyStep = cleanup.add(
    "copy of the Worker",
    () => removeDir(copy),
    () => rmSync(copy, { recursive: true, force: true }),
  );
  const config = await snapshotWorker(copy);
  const vars = Object.entries(BENCH_SERVER_VARS).flatMap(([name, value]) => ["--var", `${name}:${value}`]);
  // --test-scheduled: section 12 starts the Cron handler at /__scheduled (wrangler 4.86's
  // /cdn-cgi/handler/scheduled answers "exception" without it, measured).
  const dev = parseDevArgs(["--config", config, "--port", String(port), "--persist-to", persistTo, "--test-scheduled", ...vars], { ip: "127.0.0.1" });
  let output = "";
  const server = startDevServer(dev.args, {
    onOutput: (text) => {
      output = (output + text).slice(-OUTPUT_KEPT);
    },
  });
  const step = cleanup.add(
    "wrangler dev",
    async () => {
      await server.stop();
    },
    () => {
      killGroup(server.pid, "SIGKILL");
    },
  );
  const bench: BenchServer = {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: server.pid,
    outputTail: () => output.trim().split("\n").slice(-20).join("\n"),
    stop: async () => {
      await step.release();
      await copyStep.release();
    },
  };
  const answer = await waitForHttp(
    `${bench.baseUrl}/api/v1/license/check`,
    { headers: { authorization: `Bearer ${key}` } },
    READY_TIMEOUT_MS,
    Promise.race([server.exited, whenAborted(signal)]),
  );
  signal.throwIfAborted();
  if (answer === null) {
    throw new BenchFailure(`wrangler dev did not answer on port ${port} within ${READY_TIMEOUT_MS / 1000} s:\n${bench.outputTail()}`);
  }
  if (answer.status !== 200) {
    throw new BenchFailure(`wrangler dev answered license/check with HTTP ${answer.status}: ${answer.body}\n${bench.outputTail()}`);
  }
  return bench;
}
