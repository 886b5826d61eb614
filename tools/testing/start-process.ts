import { execFileSync, spawn } from "node:child_process";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { killGroup } from "../lib/process-group";
import { REPO_ROOT } from "../lib/repo";

/** `npm start -- <args>` as a user runs it (minus npm and the tsx binary), in a group of its own. */
export interface StartProcess {
  readonly pid: number;
  output(): string;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  readonly exited: Promise<number | string>;
  /** Waits until the output matches; throws with the output on timeout or exit. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** Safety net for a failed test: SIGKILL to the group and to whatever names `marker`. */
  kill(marker: string): Promise<void>;
}

export function spawnStart(args: readonly string[], env: NodeJS.ProcessEnv = process.env): StartProcess {
  // Node loads tsx in-process, as `npm run agent` does: one process, so a signal to the
  // group is what a terminal's Ctrl-C is.
  const child = spawn(process.execPath, ["--import", "tsx", join(REPO_ROOT, "tools", "start.ts"), ...args], {
    cwd: REPO_ROOT,
    env: { ...env, INIT_CWD: REPO_ROOT },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error("npm start did not start");
  let output = "";
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding("utf8");
    stream.on("data", (text: string) => (output += text));
  }
  let status: number | string | undefined;
  const exited = new Promise<number | string>((resolve) =>
    child.on("exit", (code, signal) => {
      status = code ?? signal ?? "unknown";
      resolve(status);
    }),
  );
  return {
    pid,
    output: () => output,
    exited,
    async waitFor(pattern, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = output.match(pattern);
        if (match !== null) return match;
        if (status !== undefined || Date.now() > deadline) {
          throw new Error(`${status === undefined ? "timed out" : `exited (${status})`} before ${String(pattern)}\n--- output\n${output}`);
        }
        await sleep(100);
      }
    },
    async kill(marker) {
      if (status === undefined) killGroup(pid, "SIGKILL");
      for (const group of groupsNaming(marker)) killGroup(group, "SIGKILL");
      await Promise.race([exited, sleep(5_000)]);
    },
  };
}

/** Process groups with a process whose command line contains `text` (a test's temporary directory, a port). */
export function groupsNaming(text: string): number[] {
  const table = execFileSync("ps", ["-eo", "pid=,pgid=,args="], { encoding: "utf8" });
  const groups = new Set<number>();
  for (const line of table.split("\n")) {
    const [, pid = "", pgid = "", args = ""] = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line) ?? [];
    if (args.includes(text) && Number(pid) !== process.pid) groups.add(Number(pgid));
  }
  return [...groups];
}
