import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { prepareLocalDatabase } from "../lib/prepare-local";
import { type AgentWorkspace, createAgentWorkspace } from "./agent-setup";
import { AGENT_STOP_TIMEOUT_MS, type AgentExit, type BenchAgent, startAgent } from "./agent-process";
import type { Cleanup } from "./cleanup";
import { BenchFailure } from "./failure";
import { expectShape, timedCall } from "./http";
import { type PhoneRack, startPhoneRack } from "./phone-rack";
import { hasProc, TreeSampler, type TreeFigure } from "./proc-sampler";
import { type BenchServer, startBenchServer } from "./server";

export const IDLE_PHONES = 20;
/** After the last phone is online: the agent's start (compiling, describing phones) is over. */
export const IDLE_SETTLE_MS = 5_000;
/** Three heartbeats per phone (every 10 s) and six adb reconciles (every 5 s). */
export const IDLE_SAMPLE_MS = 30_000;
export const IDLE_SAMPLE_EVERY_MS = 1_000;
/** tsx compiles the agent at its start; on a loaded 2-core machine that takes seconds. */
const ONLINE_TIMEOUT_MS = 120_000;
const POLL_MS = 200;
/** The object marks a phone offline as soon as its link closes with the agent's goodbye. */
const OFFLINE_TIMEOUT_MS = 10_000;

const devicesAnswer = z.object({
  devices: z.array(z.object({ serial: z.string(), online: z.boolean() })),
});

export interface IdleFigure {
  phones: number;
  /** From spawn() to the first GET /api/v1/devices that shows every phone online. */
  spawnToOnlineMs: number;
  settleMs: number;
  /** The agent's process tree (its Node, and esbuild while tsx compiles) while idle. */
  tree: TreeFigure;
  /** Phones online in GET /api/v1/devices after the sampling (all of them, or the bench fails). */
  onlineAfter: number;
  /** From SIGTERM to the exit of the spawned process. */
  stopMs: number;
  exit: AgentExit;
  /** Phones shown offline within OFFLINE_TIMEOUT_MS of the exit. */
  offlineAfterStop: number;
}

export type IdleResult = IdleFigure | { skipped: string };

/**
 * Section 7: the real agent (`node --import tsx agent/main.ts`, as npm run agent) with 20 fake phones connected over a
 * private adb server and nothing to do, against wrangler dev on a workspace of its own.
 * Once every phone is online (GET /api/v1/devices with the API key) and a few seconds
 * more, the agent's process tree is sampled once a second for 30 s from /proc; then it
 * gets SIGTERM and must exit.
 */
export async function measureIdleAgent(cleanup: Cleanup, signal: AbortSignal, progress: (line: string) => void): Promise<IdleResult> {
  if (!hasProc()) return { skipped: "no /proc on this system: the agent's memory and CPU are read from /proc (Linux only)" };
  const { dir, release: removeTempDir } = await cleanup.tempDir("bench-idle");
  try {
    const persistTo = join(dir, "d1");
    const stateDir = join(dir, "agent-state");
    await Promise.all([mkdir(persistTo), mkdir(stateDir)]);
    progress("migrations, a workspace, an API key and an agent token (admin operations)");
    const workspace = await createAgentWorkspace(await prepareLocalDatabase(persistTo), "bench-idle");
    signal.throwIfAborted();
    progress("starting wrangler dev");
    const server = await startBenchServer(persistTo, workspace.key, cleanup, signal);
    try {
      progress(`wrangler dev on ${server.baseUrl}; a private adb server and ${IDLE_PHONES} fake phones`);
      const rack = await startPhoneRack(IDLE_PHONES, cleanup, signal);
      try {
        return await measureAgent({ server, workspace, rack, stateDir, cleanup, signal, progress });
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
  cleanup: Cleanup;
  signal: AbortSignal;
  progress: (line: string) => void;
}

async function measureAgent({ server, workspace, rack, stateDir, cleanup, signal, progress }: Setting): Promise<IdleFigure> {
  const serials = new Set(rack.phones.map((phone) => phone.serial));
  const online = () => onlineCount(server, workspace, serials, signal);
  const spawned = performance.now();
  const agent = startAgent({ server: server.baseUrl, token: workspace.agentToken, adbPort: rack.adb.port, stateDir }, cleanup);
  try {
    progress(`agent started (pid ${agent.pid}); waiting until GET /api/v1/devices shows ${serials.size} phones online`);
    for (;;) {
      const count = await online();
      if (count === serials.size) break;
      alive(agent, "before its phones were online");
      if (performance.now() - spawned > ONLINE_TIMEOUT_MS) {
        throw new BenchFailure(`${count} of ${serials.size} phones online ${ONLINE_TIMEOUT_MS / 1000} s after the agent started\n${agent.outputTail()}`);
      }
      await sleep(POLL_MS, undefined, { signal });
    }
    const spawnToOnlineMs = performance.now() - spawned;
    progress(`all online after ${(spawnToOnlineMs / 1000).toFixed(1)} s; sampling /proc every ${IDLE_SAMPLE_EVERY_MS} ms for ${IDLE_SAMPLE_MS / 1000} s after ${IDLE_SETTLE_MS / 1000} s`);
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

    progress("SIGTERM to the agent");
    const stopped = await agent.terminate();
    if (stopped === undefined) throw new BenchFailure(`the agent did not exit within ${AGENT_STOP_TIMEOUT_MS / 1000} s of SIGTERM\n${agent.outputTail()}`);
    const offlineAfterStop = await offlineWithin(OFFLINE_TIMEOUT_MS, serials.size, online, signal);
    return {
      phones: serials.size,
      spawnToOnlineMs,
      settleMs: IDLE_SETTLE_MS,
      tree,
      onlineAfter,
      stopMs: stopped.ms,
      exit: stopped.exit,
      offlineAfterStop,
    };
  } finally {
    await agent.terminate();
  }
}

/** The phones of `serials` that GET /api/v1/devices shows online. */
async function onlineCount(server: BenchServer, workspace: AgentWorkspace, serials: ReadonlySet<string>, signal: AbortSignal): Promise<number> {
  const path = "/api/v1/devices?page_size=100";
  const answer = expectShape(devicesAnswer, (await timedCall(server, workspace.key, "GET", path, undefined, signal)).data, `GET ${path}`);
  return answer.devices.filter((device) => serials.has(device.serial) && device.online).length;
}

async function offlineWithin(timeoutMs: number, phones: number, online: () => Promise<number>, signal: AbortSignal): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const offline = phones - (await online());
    if (offline === phones || performance.now() > deadline) return offline;
    await sleep(POLL_MS, undefined, { signal });
  }
}

function alive(agent: BenchAgent, when: string): void {
  const exit = agent.exit();
  if (exit !== undefined) {
    throw new BenchFailure(`the agent exited ${when} (${typeof exit === "number" ? `code ${exit}` : exit}):\n${agent.outputTail()}`);
  }
}

function labelOf(pid: number, root: number, cmdline: string): string {
  if (pid === root || cmdline.includes(join("agent", "main.ts"))) return "node agent/main.ts";
  // tsx compiles through esbuild's service process, which stays up as long as the agent.
  if (cmdline.includes("esbuild")) return "esbuild (tsx's compiler service)";
  return cmdline.slice(0, 60) || String(pid);
}
