import { type AgentExit, type AgentProcess, type AgentProcessOptions, startAgentProcess } from "../lib/agent-process";
import { killGroup } from "../lib/process-group";
import type { Cleanup } from "./cleanup";

/** The agent closes its links on SIGTERM; that takes a moment per phone at most. */
export const AGENT_STOP_TIMEOUT_MS = 15_000;

export interface BenchAgent extends Pick<AgentProcess, "pid" | "output" | "exitStatus"> {
  /** The last 20 lines of its stdout and stderr so far. */
  outputTail(): string;
  /** SIGTERM, as a service manager stops it: its exit and how long it took, or undefined if it had to be killed. */
  terminate(): Promise<{ exit: AgentExit; ms: number } | undefined>;
}

/**
 * The real agent program (tools/lib/agent-process.ts: the source through tsx by default,
 * `program: [<installed bin>, "run"]` for the package), registered with the bench's
 * cleanup so that a failing or interrupted run never leaves it behind.
 */
export function startAgent(options: AgentProcessOptions, cleanup: Cleanup): BenchAgent {
  const agent = startAgentProcess(options);
  let stopping: Promise<{ exit: AgentExit; ms: number } | undefined> | undefined;
  const stop = async () => {
    const started = performance.now();
    const exit = await agent.stop(AGENT_STOP_TIMEOUT_MS);
    const ms = performance.now() - started;
    // By then agent.stop() has sent SIGKILL: the exit is not the agent's own.
    return ms < AGENT_STOP_TIMEOUT_MS ? { exit, ms } : undefined;
  };
  const terminate = () => (stopping ??= stop());
  const step = cleanup.add("the agent", () => terminate().then(() => undefined), () => killGroup(agent.pid, "SIGKILL"));
  return {
    pid: agent.pid,
    exitStatus: () => agent.exitStatus(),
    output: () => agent.output(),
    outputTail: () => agent.output().trim().split("\n").slice(-20).join("\n"),
    terminate: async () => {
      const result = await terminate();
      await step.release();
      return result;
    },
  };
}
