import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import type { AgentExit } from "../lib/agent-process";
import { prepareLocalDatabase } from "../lib/prepare-local";
import { type AgentWorkspace, createAgentWorkspace } from "./agent-setup";
import { AGENT_STOP_TIMEOUT_MS, type BenchAgent, startAgent } from "./agent-process";
import type { Cleanup } from "./cleanup";
import { BenchFailure } from "./failure";
import { expectShape, timedCall } from "./http";
import { type LinearFit, linearFit } from "./linear-fit";
import { packAndInstallAgent, type PackedAgent } from "./packed-agent";
import { type PhoneRack, startPhoneRack } from "./phone-rack";
import { hasProc, TreeSampler, type TreeFigure } from "./proc-sampler";
import { type BenchServer, startBenchServer } from "./server";

/** The rounds, in this order: the rack grows between them, each round has an agent process of its own. */
export const IDLE_PHONE_COUNTS = [0, 1, 20, 100] as const;
/** After the last phone is online: the agent's start (describing phones, linking them) is over. */
export const IDLE_SETTLE_MS = 5_000;
/** Two heartbeats per phone (every 10 s) and four adb reconciles (every 5 s). */
export const IDLE_SAMPLE_MS = 20_000;
export const IDLE_SAMPLE_EVERY_MS = 1_000;
/** 100 phones described and linked on a loaded 2-core machine take seconds; beyond this something is wrong. */
const ONLINE_TIMEOUT_MS = 120_000;
const POLL_MS = 200;
/** The object marks a phone offline as soon as its link closes with the agent's goodbye. */
const OFFLINE_TIMEOUT_MS = 10_000;
/** The device list's largest page. */
const PAGE_SIZE = 100;
/** The agent's first log line, after its settings are read: with no phone, the only sign it runs. */
const STARTED_LINE = /tikmatrix-agent \S+ \(Node /;

const devicesAnswer = z.object({ devices: z.array(z.object({ serial: z.string(), online: z.boolean() })), total: z.number() });

export interface IdleFigure {
  phones: number;
  /** From spawn() to the first GET /api/v1/devices that shows every phone online (with no phone: to the agent's first log line). */
  spawnToOnlineMs: number;
  settleMs: number;
  /** The agent's process tree (the one Node running the packed bundle) while idle. */
  tree: TreeFigure;
  /** Phones online in GET /api/v1/devices after the sampling (all of them, or the bench fails). */
  onlineAfter: number;
  /** From SIGTERM to the exit of the spawned process. */
  stopMs: number;
  exit: AgentExit;
  /** Phones shown offline within OFFLINE_TIMEOUT_MS of the exit. */
  offlineAfterStop: number;
}

export interface IdleMeasurement {
  /** The package measured: its tarball and how long packing and installing took. */
  packed: Pick<PackedAgent, "tarballBytes" | "packMs" | "installMs"> & { tarball: string };
  /** One per IDLE_PHONE_COUNTS, in that order. */
  rounds: IdleFigure[];
  /** Least squares of the rounds' RSS medians (MB) over their phones: slope MB per phone, intercept MB. */
  rss: LinearFit;
  /** The same for CPU, % of one core. */
  cpu: LinearFit;
  /** The whole section, packing and wrangler dev included. */
  sectionS: number;
}

export type IdleResult = IdleMeasurement | { skipped: string };

/**
 * Section 7: the agent as a studio PC runs it, packed (tools/pack, as `npm run pack:agent`)
 * and installed offline into an empty folder, run with plain `node <bin> run`, with 0, 1,
 * 20 and 100 fake phones behind a private adb server and nothing to do, against one wrangler
 * dev on a workspace of its own. Each round grows the rack to its count and starts an agent
 * process of its own (the same state dir, as a restarted agent on one PC); once every phone
 * is online (GET /api/v1/devices with the API key) and a few seconds more, the agent's
 * process tree is sampled once a second from /proc; then it gets SIGTERM and must exit, and
 * its phones must go offline before the next round.
 */
export async function measureIdleAgent(cleanup: Cleanup, signal: AbortSignal, progress: (line: string) => void): Promise<IdleResult> {
  if (!hasProc()) return { skipped: "no /proc on this system: the agent's memory and CPU are read from /proc (Linux only)" };
  const started = performance.now();
  const { dir, release: removeTempDir } = await cleanup.tempDir("bench-idle");
  try {
    progress("packing the agent (tools/pack/main.ts --out <temp>) and installing the tarball offline into an empty folder");
    const packed = await packAndInstallAgent(join(dir, "package"), cleanup, signal);
    progress(`packed in ${(packed.packMs / 1000).toFixed(1)} s, installed in ${(packed.installMs / 1000).toFixed(1)} s: ${packed.bin}`);
    const persistTo = join(dir, "d1");
    const stateDir = join(dir, "agent-state");
    await Promise.all([mkdir(persistTo), mkdir(stateDir)]);
    progress("migrations, a workspace, an API key and an agent token (admin operations)");
    const workspace = await createAgentWorkspace(await prepareLocalDatabase(persistTo), "bench-idle");
    signal.throwIfAborted();
    progress("starting wrangler dev");
    const server = await startBenchServer(persistTo, workspace.key, cleanup, signal);
    try {
      progress(`wrangler dev on ${server.baseUrl}; a private adb server and the phone process`);
      const rack = await startPhoneRack(0, cleanup, signal);
      try {
        const rounds: IdleFigure[] = [];
        for (const phones of IDLE_PHONE_COUNTS) {
          if (phones > rack.serials.length) {
            progress(`attaching ${phones - rack.serials.length} more fake phones (${phones} in all)`);
            await rack.add(phones - rack.serials.length);
          }
          rounds.push(await measureRound({ server, workspace, rack, stateDir, program: [packed.bin, "run"], cleanup, signal, progress }));
        }
        return {
          packed: { tarball: packed.tarball.split(/[\\/]/).at(-1) ?? packed.tarball, tarballBytes: packed.tarballBytes, packMs: packed.packMs, installMs: packed.installMs },
          rounds,
          rss: linearFit(rounds.map((r) => ({ x: r.phones, y: r.tree.rssMedianMB }))),
          cpu: linearFit(rounds.map((r) => ({ x: r.phones, y: r.tree.cpuPercent }))),
          sectionS: (performance.now() - started) / 1000,
        };
      } finally {
        await rack.stop();
      }
    } finally {
      await server.stop();
    }
  } finally {
    await removeTempDir();
  }
}

interface Setting {
  server: BenchServer;
  workspace: AgentWorkspace;
  rack: PhoneRack;
  stateDir: string;
  program: readonly string[];
  cleanup: Cleanup;
  signal: AbortSignal;
  progress: (line: string) => void;
}

async function measureRound({ server, workspace, rack, stateDir, program, cleanup, signal, progress }: Setting): Promise<IdleFigure> {
  const serials = new Set(rack.serials);
  const online = () => onlineCount(server, workspace, serials, signal);
  const spawned = performance.now();
  const agent = startAgent({ server: server.baseUrl, token: workspace.agentToken, adbPort: rack.adb.port, stateDir, program }, cleanup);
  try {
    const awaited = serials.size === 0 ? "its first log line (no phones)" : `GET /api/v1/devices shows ${serials.size} phones online`;
    progress(`${serials.size} phones: agent started (pid ${agent.pid}); waiting until ${awaited}`);
    const ready = async () => (serials.size === 0 ? STARTED_LINE.test(agent.output()) : (await online()) === serials.size);
    if (!(await pollUntil(ready, ONLINE_TIMEOUT_MS, signal, () => alive(agent, "before its phones were online")))) {
      const count = serials.size === 0 ? "no log line and 0" : String(await online());
      throw new BenchFailure(`${count} of ${serials.size} phones online ${ONLINE_TIMEOUT_MS / 1000} s after the agent started\n${agent.outputTail()}`);
    }
    const spawnToOnlineMs = performance.now() - spawned;
    progress(`ready after ${(spawnToOnlineMs / 1000).toFixed(1)} s; sampling /proc every ${IDLE_SAMPLE_EVERY_MS} ms for ${IDLE_SAMPLE_MS / 1000} s after ${IDLE_SETTLE_MS / 1000} s`);
    await sleep(IDLE_SETTLE_MS, undefined, { signal });

    const sampler = await TreeSampler.create(agent.pid, (pid, cmdline) => labelOf(pid, agent.pid, cmdline));
    const first = performance.now();
    for (let i = 0; i <= IDLE_SAMPLE_MS / IDLE_SAMPLE_EVERY_MS; i++) {
      // On a fixed grid, so time spent reading /proc does not stretch the window.
      await sleep(Math.max(0, first + i * IDLE_SAMPLE_EVERY_MS - performance.now()), undefined, { signal });
      alive(agent, "while idle");
      await sampler.sample();
    }
    const tree = sampler.figure();
    const onlineAfter = await online();
    if (onlineAfter !== serials.size) {
      throw new BenchFailure(`only ${onlineAfter} of ${serials.size} phones were still online after ${IDLE_SAMPLE_MS / 1000} s idle\n${agent.outputTail()}`);
    }

    progress(`SIGTERM to the agent (RSS median ${tree.rssMedianMB.toFixed(1)} MB, CPU ${tree.cpuPercent.toFixed(2)} % of a core)`);
    const stopped = await agent.terminate();
    if (stopped === undefined) throw new BenchFailure(`the agent did not exit within ${AGENT_STOP_TIMEOUT_MS / 1000} s of SIGTERM\n${agent.outputTail()}`);
    let offlineAfterStop = 0;
    await pollUntil(async () => (offlineAfterStop = serials.size - (await online())) === serials.size, OFFLINE_TIMEOUT_MS, signal);
    // The next round's agent links the same phones again: none may still count as linked.
    if (offlineAfterStop !== serials.size) {
      throw new BenchFailure(`${serials.size - offlineAfterStop} of ${serials.size} phones still online ${OFFLINE_TIMEOUT_MS / 1000} s after the agent exited`);
    }
    return { phones: serials.size, spawnToOnlineMs, settleMs: IDLE_SETTLE_MS, tree, onlineAfter, stopMs: stopped.ms, exit: stopped.exit, offlineAfterStop };
  } finally {
    await agent.terminate();
  }
}

/** The phones of `serials` that GET /api/v1/devices shows online, over all its pages. */
async function onlineCount(server: BenchServer, workspace: AgentWorkspace, serials: ReadonlySet<string>, signal: AbortSignal): Promise<number> {
  if (serials.size === 0) return 0;
  let online = 0;
  for (let page = 1; ; page++) {
    const path = `/api/v1/devices?page=${page}&page_size=${PAGE_SIZE}`;
    const answer = expectShape(devicesAnswer, (await timedCall(server, workspace.key, "GET", path, undefined, signal)).data, `GET ${path}`);
    online += answer.devices.filter((device) => serials.has(device.serial) && device.online).length;
    if (page * PAGE_SIZE >= answer.total || answer.devices.length === 0) return online;
  }
}

/** Asks `done` every POLL_MS, `between` the polls, until it holds (true) or `timeoutMs` has passed (false). */
async function pollUntil(done: () => Promise<boolean>, timeoutMs: number, signal: AbortSignal, between: () => void = () => undefined): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await done()) return true;
    between();
    if (performance.now() > deadline) return false;
    await sleep(POLL_MS, undefined, { signal });
  }
}

function alive(agent: BenchAgent, when: string): void {
  const exit = agent.exitStatus();
  if (exit !== undefined) throw new BenchFailure(`the agent exited ${when} (${typeof exit === "number" ? `code ${exit}` : exit}):\n${agent.outputTail()}`);
}

function labelOf(pid: number, root: number, cmdline: string): string {
  if (pid === root || cmdline.includes("tikmatrix-agent")) return "node tikmatrix-agent run (packed)";
  return cmdline.slice(0, 60) || String(pid);
}
