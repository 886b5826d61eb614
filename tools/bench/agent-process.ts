import { type AgentExit, startAgentProcess } from "../lib/agent-process";
import { killGroup } from "../lib/process-group";
import type { Cleanup } from "./cleanup";

/** The agent closes its links on SIGTERM; that takes a moment per phone at most. */
export const AGENT_STOP_TIMEOUT_MS = 15_000;

export interface AgentSettings {
  server: string;
  token: string;
  adbPort: number;
  stateDir: string;
  /** What Node runs before the flags (startAgentProcess): the source through tsx by default, `[<installed bin>, "run"]` for the package. */
  program?: readonly string[];
}

export type { AgentExit };

export interface BenchAgent {
  pid: number;
  /** Set once it has exited. */
  exit(): AgentExit | undefined;
  /** Its stdout and stderr so far (the last 64 KiB). */
  output(): string;
  outputTail(): string;
  /** SIGTERM, as a service manager stops it: its exit and how long it took, or undefined if it had to be killed. */
  terminate(): Promise<{ exit: AgentExit; ms: number } | undefined>;
}

/**
 * The real agent program (tools/lib/agent-process.ts), registered with the bench's
 * cleanup so that a failing or interrupted run never leaves it behind.
 */
export function startAgent(settings: AgentSettings, cleanup: Cleanup): BenchAgent {
  const agent = startAgentProcess(settings);
  let stopping: Promise<{ exit: AgentExit; ms: number } | undefined> | undefined;
  const stop = async () => {
    const started = performance.now();
    let forced = false;
    const timer = setTimeout(() => (forced = true), AGENT_STOP_TIMEOUT_MS);
    const exit = await agent.stop(AGENT_STOP_TIMEOUT_MS).finally(() => clearTimeout(timer));
    return forced ? undefined : { exit, ms: performance.now() - started };
  };
  const terminate = () => (stopping ??= stop());
  const step = cleanup.add(
    "the agent",
    async () => {
      await terminate();
    },
    () => {
      killGroup(agent.pid, "SIGKILL");
    },
  );
  return {
    pid: agent.pid,
    exit: () => agent.exitStatus(),
    output: () => agent.output(),
    outputTail: () => agent.output().trim().split("\n").slice(-20).join("\n"),
    terminate: async () => {
      const result = await terminate();
      await step.release();
      return result;
    },
  };
}
