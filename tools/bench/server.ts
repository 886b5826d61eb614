import { parseDevArgs } from "../lib/dev-args";
import { startDevServer } from "../lib/dev-server";
import { killGroup } from "../lib/process-group";
import { waitForHttp } from "../lib/wait-for-http";
import { freePort } from "../testing/free-port";
import type { Cleanup } from "./cleanup";
import { BenchFailure } from "./failure";
import { whenAborted } from "./interrupt";

/** wrangler dev answers in about 4 s here; beyond this something is wrong. */
const READY_TIMEOUT_MS = 90_000;
/** How much of wrangler's output is kept for error messages. */
const OUTPUT_KEPT = 8_000;

export interface BenchServer {
  baseUrl: string;
  /** The end of wrangler's output, for an error message. */
  outputTail(): string;
  stop(): Promise<void>;
}

/**
 * `wrangler dev` on a free 127.0.0.1 port over the bench's state directory, in a process
 * group of its own (startDevServer), with its output kept rather than printed: it logs
 * every request. Ready when license/check answers 200 with `key`.
 */
export async function startBenchServer(
  persistTo: string,
  key: string,
  cleanup: Cleanup,
  signal: AbortSignal,
): Promise<BenchServer> {
  const port = await freePort();
  const dev = parseDevArgs(["--port", String(port), "--persist-to", persistTo], { ip: "127.0.0.1" });
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
    outputTail: () => output.trim().split("\n").slice(-20).join("\n"),
    stop: () => step.release(),
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
