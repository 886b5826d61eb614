import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { median } from "./stats";

const execFileAsync = promisify(execFile);
const KIB_PER_MB = 1024;

/** Linux exposes per-process CPU time and resident memory under /proc; other systems do not. */
export function hasProc(): boolean {
  return existsSync("/proc/self/stat") && existsSync("/proc/self/status");
}

interface ProcessReading {
  pid: number;
  label: string;
  /** utime + stime, in clock ticks. */
  ticks: number;
  rssKiB: number;
}

interface Sample {
  atMs: number;
  processes: Map<number, ProcessReading>;
}

export interface ProcessFigure {
  pid: number;
  label: string;
  rssMedianMB: number;
  rssMaxMB: number;
  /** Its CPU time over the window, in % of one core. */
  cpuPercent: number;
}

export interface TreeFigure {
  samples: number;
  /** From the first sample to the last. */
  seconds: number;
  /** The whole tree's RSS (the sum over its processes) at each sample. */
  rssMedianMB: number;
  rssMaxMB: number;
  /** The tree's CPU time over the window, in % of one core. */
  cpuPercent: number;
  /** The busiest interval between two samples, in % of one core. */
  cpuMaxIntervalPercent: number;
  processes: ProcessFigure[];
}

/**
 * Samples a process and its descendants (found anew each time through the parent ids in
 * /proc/<pid>/stat): RSS from VmRSS in /proc/<pid>/status, CPU from utime + stime in
 * /proc/<pid>/stat. Reading /proc costs the sampled processes nothing.
 */
export class TreeSampler {
  readonly #samples: Sample[] = [];

  private constructor(
    private readonly root: number,
    private readonly ticksPerSecond: number,
    private readonly labelOf: (pid: number, cmdline: string) => string,
  ) {}

  static async create(root: number, labelOf: (pid: number, cmdline: string) => string): Promise<TreeSampler> {
    return new TreeSampler(root, await clockTicks(), labelOf);
  }

  async sample(): Promise<void> {
    const parents = new Map<number, number[]>();
    const stats = new Map<number, { ticks: number }>();
    for (const name of await readdir("/proc")) {
      if (!/^\d+$/.test(name)) continue;
      const stat = await readStat(Number(name));
      if (stat === undefined) continue;
      stats.set(stat.pid, stat);
      parents.set(stat.ppid, [...(parents.get(stat.ppid) ?? []), stat.pid]);
    }
    const processes = new Map<number, ProcessReading>();
    const atMs = performance.now();
    for (const pid of descendants(this.root, parents)) {
      const stat = stats.get(pid);
      const rssKiB = await readRss(pid);
      if (stat === undefined || rssKiB === undefined) continue;
      const known = this.#samples.at(-1)?.processes.get(pid)?.label;
      const label = known ?? this.labelOf(pid, await readCmdline(pid));
      processes.set(pid, { pid, label, ticks: stat.ticks, rssKiB });
    }
    this.#samples.push({ atMs, processes });
  }

  figure(): TreeFigure {
    const first = this.#samples[0];
    const last = this.#samples.at(-1);
    if (first === undefined || last === undefined || this.#samples.length < 2) throw new Error("fewer than two samples of the process tree");
    const seconds = (last.atMs - first.atMs) / 1000;
    const percentOf = (ticks: number, s: number) => (s > 0 ? (ticks / this.ticksPerSecond / s) * 100 : 0);
    const totals = this.#samples.map((s) => [...s.processes.values()].reduce((sum, p) => sum + p.rssKiB, 0) / KIB_PER_MB);
    const intervals = this.#samples.slice(1).map((s, i) => {
      const before = this.#samples[i];
      if (before === undefined) return 0;
      let ticks = 0;
      for (const p of s.processes.values()) ticks += p.ticks - (before.processes.get(p.pid)?.ticks ?? p.ticks);
      return percentOf(ticks, (s.atMs - before.atMs) / 1000);
    });
    const pids = new Set(this.#samples.flatMap((s) => [...s.processes.keys()]));
    const processes = [...pids].map((pid): ProcessFigure => {
      const seen = this.#samples.flatMap((s) => {
        const p = s.processes.get(pid);
        return p === undefined ? [] : [{ atMs: s.atMs, ...p }];
      });
      const from = seen[0];
      const to = seen.at(-1);
      const rss = seen.map((p) => p.rssKiB / KIB_PER_MB);
      return {
        pid,
        label: from?.label ?? String(pid),
        rssMedianMB: median(rss),
        rssMaxMB: Math.max(...rss),
        cpuPercent: from === undefined || to === undefined ? 0 : percentOf(to.ticks - from.ticks, seconds),
      };
    });
    return {
      samples: this.#samples.length,
      seconds,
      rssMedianMB: median(totals),
      rssMaxMB: Math.max(...totals),
      cpuPercent: processes.reduce((sum, p) => sum + p.cpuPercent, 0),
      cpuMaxIntervalPercent: Math.max(...intervals),
      processes,
    };
  }
}

function descendants(root: number, children: ReadonlyMap<number, readonly number[]>): number[] {
  const found: number[] = [];
  for (let queue = [root], pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** Fields after the command name, which is in parentheses and may hold spaces or ")". */
async function readStat(pid: number): Promise<{ pid: number; ppid: number; ticks: number } | undefined> {
  const text = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
  // proc(5): state is field 3, ppid 4, utime 14, stime 15 (1-based, the pid being 1).
  const ppid = Number(rest[1]);
  const ticks = Number(rest[11]) + Number(rest[12]);
  return Number.isFinite(ppid) && Number.isFinite(ticks) ? { pid, ppid, ticks } : undefined;
}

async function readRss(pid: number): Promise<number | undefined> {
  const text = await readFile(`/proc/${pid}/status`, "utf8").catch(() => undefined);
  const match = text === undefined ? null : /^VmRSS:\s+(\d+) kB$/m.exec(text);
  // A zombie has no VmRSS line: it holds no memory any more.
  return text === undefined ? undefined : Number(match?.[1] ?? 0);
}

async function readCmdline(pid: number): Promise<string> {
  const text = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
  return text.split("\0").filter((part) => part !== "").join(" ");
}

/** USER_HZ: utime and stime count in these; 100 on every common Linux. */
async function clockTicks(): Promise<number> {
  const answer = await execFileAsync("getconf", ["CLK_TCK"], { timeout: 5_000 }).catch(() => ({ stdout: "" }));
  const ticks = Number(answer.stdout.trim());
  return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
}
