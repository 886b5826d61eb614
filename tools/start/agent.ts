import { type AgentProcess, startAgentProcess } from "../lib/agent-process";
import { linePrefixer } from "./prefix-lines";
import type { Stoppable } from "./shutdown";

export interface LocalAgentOptions {
  server: string;
  token: string;
  adbPort: number;
  stateDir: string;
}

/**
 * The real agent program (`npm run agent`) as a child in a process group of its own, its
 * lines shown in this terminal marked `[agent] ` so they stand apart from wrangler's.
 */
export function startLocalAgent(options: LocalAgentOptions): { agent: AgentProcess; stoppable: Stoppable } {
  const out = { stdout: linePrefixer("[agent] ", process.stdout), stderr: linePrefixer("[agent] ", process.stderr) };
  const agent = startAgentProcess({ ...options, onOutput: (text, stream) => out[stream].write(text) });
  void agent.exited.then((exit) => {
    out.stdout.flush();
    out.stderr.flush();
    // The agent stops only when told to; anything else is worth a line of its own.
    if (exit !== 0) process.stderr.write(`[agent] exited (${String(exit)})\n`);
  });
  return {
    agent,
    stoppable: {
      name: "agent",
      // SIGTERM: it closes its links and flushes its outbox; SIGKILL to the group after 10 s.
      stop: () => agent.stop(),
      kill: () => agent.kill(),
    },
  };
}
