import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { killGroup, waitForGroupGone } from "./process-group";
import { REPO_ROOT } from "./repo";

export interface AgentProcessOptions {
  server: string;
  token: string;
  adbPort: number;
  stateDir: string;
  agentId?: string;
  /** Folders the agent may post local files from (--material-root); its default is <stateDir>/materials alone. */
  materialRoots?: readonly string[];
  /**
   * What Node runs, before the flags: by default the source through tsx, as `npm run agent`;
   * the installed package is `[<its bin file>, "run"]`.
   */
  program?: readonly string[];
  /** What runs `program`: by default this Node; the single executable is its own (tools/pack/exe.ts). */
  command?: string;
  /** Also receives the agent's stdout and stderr as they come (`npm start` shows them). */
  onOutput?: (text: string, stream: "stdout" | "stderr") => void;
}

/** output() keeps this much of the end: enough for an assertion message, bounded for a long `npm start`. */
const KEPT_OUTPUT_CHARS = 64 * 1024;

/** How the agent ended: its exit code, or the signal's name. */
export type AgentExit = number | string;

/** `npm run agent` as a studio PC runs it (minus npm), in a process group of its own. */
export interface AgentProcess {
  readonly pid: number;
  /** The last of stdout and stderr so far, for assertion messages. */
  output(): string;
  /** Resolves with the exit once the agent has exited. */
  readonly exited: Promise<AgentExit>;
  /** The exit, if the agent has exited already. */
  exitStatus(): AgentExit | undefined;
  /** SIGTERM and wait (SIGKILL after `graceMs`): the agent's own clean shutdown. */
  stop(graceMs?: number): Promise<AgentExit>;
  /** SIGKILL at once, like a crash or a power cut: nothing is flushed. */
  kill(): Promise<AgentExit>;
}

export function startAgentProcess(options: AgentProcessOptions): AgentProcess {
  const args = [
    ...(options.program ?? ["--import", "tsx", join(REPO_ROOT, "agent", "main.ts")]),
    "--server", options.server,
    "--adb-host", "127.0.0.1",
    "--adb-port", String(options.adbPort),
    "--state-dir", options.stateDir,
    ...(options.agentId === undefined ? [] : ["--agent-id", options.agentId]),
    ...(options.materialRoots ?? []).flatMap((root) => ["--material-root", root]),
  ];
  // The token through the environment, not a flag: a flag shows in every user's `ps`.
  const env = { ...process.env, TIKMATRIX_TOKEN: options.token };
  const child: ChildProcess = spawn(options.command ?? process.execPath, args, { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  for (const stream of ["stdout", "stderr"] as const) {
    // Decoded per stream, so a character split between two chunks arrives whole.
    child[stream]?.setEncoding("utf8");
    child[stream]?.on("data", (text: string) => {
      output = (output + text).slice(-KEPT_OUTPUT_CHARS);
      options.onOutput?.(text, stream);
    });
  }
  let status: AgentExit | undefined;
  const exited = new Promise<AgentExit>((resolve) =>
    child.on("exit", (code, signal) => {
      status = code ?? signal ?? "unknown";
      resolve(status);
    }),
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error("the agent did not start");

  const end = async (signal: NodeJS.Signals, graceMs: number) => {
    if (child.exitCode === null && child.signalCode === null) {
      killGroup(pid, signal);
      const timer = setTimeout(() => killGroup(pid, "SIGKILL"), graceMs);
      await exited.finally(() => clearTimeout(timer));
    }
    await waitForGroupGone(pid, 5_000);
    return exited;
  };
  return {
    pid,
    output: () => output,
    exited,
    exitStatus: () => status,
    stop: (graceMs = 10_000) => end("SIGTERM", graceMs),
    kill: () => end("SIGKILL", 0),
  };
}
