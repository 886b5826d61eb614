import { type ChildProcess, spawn, type StdioOptions } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { killGroup } from "../lib/process-group";
import { spawnFailure } from "../lib/spawn-failure";
import type { Cleanup } from "./cleanup";
import { BenchFailure } from "./failure";

/** After SIGTERM, how long a command's process tree has before SIGKILL. */
const TERM_GRACE_MS = 5_000;
/** How much of a failed command's output goes into the error. */
const TAIL_CHARS = 3_000;

export interface ChildRun {
  stdout: string;
  stderr: string;
  /** From spawn() to the exit. */
  ms: number;
}

export interface ChildOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Also opens Node's IPC channel (the child's process.send), for a Node child that serves requests until told to stop. */
  ipc?: boolean;
}

/** A child started by startChild: running until it exits or the bench stops it. */
export interface StartedChild {
  /** The spawned process; with `ipc`, its send() and "message" events are the channel. */
  process: ChildProcess;
  /** Settles as runChild does: its output once it exits 0 and its tree is gone, else a BenchFailure. */
  finished: Promise<ChildRun>;
  /** Its stdout and stderr so far, the end of them: for the message of a failure noticed elsewhere. */
  outputTail(): string;
}

/**
 * Runs a command to completion (exit 0 or a BenchFailure), its output captured, in a
 * process group of its own. If the run is interrupted (the bench's signal: Ctrl-C) or the
 * bench fails meanwhile (its cleanup), the command's whole process tree gets SIGTERM, then
 * SIGKILL: the tree, found through the parent ids in /proc, not only the group, since a
 * command may start children in groups of their own (tools/pack runs npm that way). The
 * run settles only once the tree is gone, so its files can be removed afterwards. Linux only.
 */
export async function runChild(name: string, command: string, args: readonly string[], options: ChildOptions, cleanup: Cleanup, signal: AbortSignal): Promise<ChildRun> {
  return startChild(name, command, args, options, cleanup, signal).finished;
}

/**
 * runChild without waiting: the same process group, output capture, timeout, abort and
 * cleanup step, for a child the bench talks to while it runs (with `ipc`) and that exits
 * when told to (or when its channel closes). Throws at once if `signal` is aborted.
 */
export function startChild(name: string, command: string, args: readonly string[], options: ChildOptions, cleanup: Cleanup, signal: AbortSignal): StartedChild {
  signal.throwIfAborted();
  const started = performance.now();
  const stdio: StdioOptions = options.ipc === true ? ["ignore", "pipe", "pipe", "ipc"] : ["ignore", "pipe", "pipe"];
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio, detached: true });
  const pid = child.pid;
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout?.on("data", (chunk: Buffer) => stdout.push(chunk));
  child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk));
  const outputOf = () => Buffer.concat(stdout).toString("utf8") + Buffer.concat(stderr).toString("utf8");
  let exited = false;
  // The exit and then both output streams drained: what the child's "close" event means,
  // but that event never comes once this side has called disconnect() on an IPC channel
  // (Node 20 still counts the channel, and never hears its end), so it is not used.
  const drained = Promise.all([child.stdout, child.stderr].map((stream) => new Promise((resolve) => stream?.once("close", resolve) ?? resolve(undefined))));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once("error", (error) => reject(spawnFailure(error, command)));
    child.once("exit", (code, ended) => {
      void drained.then(() => {
        exited = true;
        resolve({ code, signal: ended });
      });
    });
  });
  // Every process of the tree seen so far: once the command has exited, its children are
  // no longer found from it.
  const known = new Set<number>();
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= stopTree(pid, known));
  // Once it has exited by itself nothing is left to stop (its pid may even be taken again).
  const step = cleanup.add(name, () => (exited ? (stopping ?? Promise.resolve()) : stop()), () => {
    for (const each of collect(exited ? undefined : pid, known)) signalProcess(each, "SIGKILL");
    if (!exited) killGroup(pid, "SIGKILL");
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void stop();
  }, options.timeoutMs);
  const onAbort = () => void stop();
  signal.addEventListener("abort", onAbort, { once: true });
  const finished = (async (): Promise<ChildRun> => {
    try {
      const end = await closed;
      await stopping;
      signal.throwIfAborted();
      const out = Buffer.concat(stdout).toString("utf8");
      const err = Buffer.concat(stderr).toString("utf8");
      if (timedOut || end.code !== 0) {
        const how = timedOut ? `did not finish within ${options.timeoutMs / 1000} s` : `exited ${end.code ?? end.signal ?? "?"}`;
        throw new BenchFailure(`${name} ${how}:\n${(out + err).trim().slice(-TAIL_CHARS)}`);
      }
      return { stdout: out, stderr: err, ms: performance.now() - started };
    } finally {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      // Whatever the command left running in its group (normally nothing), then the step is done.
      killGroup(pid, "SIGKILL");
      await step.release();
    }
  })();
  return { process: child, finished, outputTail: () => outputOf().trim().slice(-TAIL_CHARS) };
}

/** SIGTERM to the tree, SIGKILL to what is left after the grace; resolves once all of it is gone. */
async function stopTree(root: number | undefined, known: Set<number>): Promise<void> {
  for (const pid of collect(root, known)) signalProcess(pid, "SIGTERM");
  if (await allGone(known, TERM_GRACE_MS)) return;
  for (const pid of collect(root, known)) signalProcess(pid, "SIGKILL");
  await allGone(known, TERM_GRACE_MS);
}

/** `root` and its descendants now, added to `known`; returns all of `known`. */
function collect(root: number | undefined, known: Set<number>): number[] {
  if (root === undefined) return [...known];
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const ppid = parentOf(Number(name));
    if (ppid !== undefined) children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
  }
  for (let queue = [root], pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    known.add(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return [...known];
}

/** From /proc/<pid>/stat: the parent id, or undefined when the process is gone. */
function parentOf(pid: number): number | undefined {
  const stat = statOf(pid);
  return stat === undefined ? undefined : stat.ppid;
}

function statOf(pid: number): { state: string; ppid: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // After the command name, which is in parentheses and may hold spaces: state, ppid, …
  const [state = "", ppid = ""] = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return { state, ppid: Number(ppid) };
}

/** Gone: no such process, or a zombie (it holds nothing any more; its parent reaps it). */
async function allGone(pids: ReadonlySet<number>, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if ([...pids].every((pid) => (statOf(pid)?.state ?? "Z") === "Z")) return true;
    if (performance.now() > deadline) return false;
    await sleep(50);
  }
}

function signalProcess(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Gone already.
  }
}
