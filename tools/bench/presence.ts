import { loadavg } from "node:os";
import { z } from "zod";
import { installWriteLog, type LoggedWrite, loggedWrites } from "../../worker/db/write-log";
import { Timing } from "../../worker/device/timing";
import { prepareLocalDatabase } from "../lib/prepare-local";
import { AgentFleet } from "./agent-fleet";
import { createAgentWorkspace } from "./agent-setup";
import type { Cleanup } from "./cleanup";
import { localDatabaseId } from "./d1-id";
import { BenchFailure } from "./failure";
import { expectShape, timedCall } from "./http";
import { openLocalD1 } from "./local-d1";
import { startBenchServer } from "./server";

export const PRESENCE_PHONES = 1_000;
/** Six heartbeats of every link at the interval welcome names (10 s), two of each object's silence alarms. */
export const PRESENCE_WINDOW_MS = 60_000;
/** From the last welcome to the window: what a hello does after its welcome counts as connecting. */
export const PRESENCE_SETTLE_MS = 2_000;

export interface PhaseWrites {
  phase: "before" | "connect" | "window" | "after";
  ms: number;
  /** D1 rows written (inserted, updated or deleted) in the phase, in all and per table. */
  rows: number;
  byTable: Record<string, number>;
}

export interface PresenceFigure {
  phones: number;
  heartbeatIntervalMs: number;
  phases: PhaseWrites[];
  /** The window's rows over its seconds: the figure, goal 0. */
  windowWritesPerS: number;
  loadAverage: { start: number; end: number };
}

const devicesAnswer = z.object({ total: z.number() });

/**
 * Section 11: D1 writes with 1,000 phones connected and heartbeating and no task. Its own
 * temp D1 (migrations, a Business workspace with an API key and an agent token); through
 * Miniflare, worker/db/write-log.ts's triggers, which note every row written with its time;
 * then its own wrangler dev and 1,000 agent links (agent-fleet.ts: the agent's PhoneLink),
 * all welcomed, held for 60 s, checked online and closed; wrangler dev stopped, Miniflare
 * once more reads the log and splits it by phase.
 */
export async function measurePresence(cleanup: Cleanup, signal: AbortSignal, progress: (line: string) => void): Promise<PresenceFigure> {
  const load = loadavg()[0] ?? 0;
  const { dir, release: removeTempDir } = await cleanup.tempDir("bench-presence");
  try {
    progress("migrations, a workspace with an API key and an agent token, the write log's triggers");
    const target = await prepareLocalDatabase(dir);
    const databaseId = await localDatabaseId();
    const workspace = await createAgentWorkspace(target, "bench-presence");
    let d1 = await openLocalD1(dir, databaseId, workspace.id, cleanup);
    await installWriteLog(d1.db);
    await d1.close();
    signal.throwIfAborted();

    // Epoch ms: the phases' bounds, on the clock SQLite stamps the writes with.
    const at = { start: Date.now(), linking: Number.NaN, window: Number.NaN, windowEnd: Number.NaN };
    const server = await startBenchServer(dir, workspace.key, cleanup, signal);
    try {
      progress(`wrangler dev on ${server.baseUrl}; linking ${PRESENCE_PHONES} phones`);
      at.linking = Date.now();
      const serials = Array.from({ length: PRESENCE_PHONES }, (_, i) => `presence-${String(i).padStart(4, "0")}`);
      const fleet = await AgentFleet.connect(server, workspace.agentToken, serials, cleanup, signal);
      try {
        progress(`all ${fleet.connected} welcomed in ${((Date.now() - at.linking) / 1000).toFixed(1)} s; holding them ${PRESENCE_WINDOW_MS / 1000} s`);
        at.window = Date.now() + PRESENCE_SETTLE_MS;
        await fleet.waitUntil(() => Date.now() >= at.window + PRESENCE_WINDOW_MS, PRESENCE_SETTLE_MS + PRESENCE_WINDOW_MS + 5_000, "the end of the window", () => "", signal);
        at.windowEnd = Date.now();
        if (fleet.connected !== PRESENCE_PHONES) throw new BenchFailure(`${fleet.connected} of ${PRESENCE_PHONES} links were still welcomed after the window`);
        const path = "/api/v1/devices?online=1&page_size=1";
        const online = expectShape(devicesAnswer, (await timedCall(server, workspace.key, "GET", path, undefined, signal)).data, `GET ${path}`);
        if (online.total !== PRESENCE_PHONES) throw new BenchFailure(`GET ${path} shows ${online.total} phones online after the window, not ${PRESENCE_PHONES}`);
      } finally {
        await fleet.close();
      }
    } finally {
      await server.stop();
    }
    const stopped = Date.now();
    signal.throwIfAborted();

    progress("the write log through Miniflare's D1");
    d1 = await openLocalD1(dir, databaseId, workspace.id, cleanup);
    const writes = await loggedWrites(d1.db);
    const left = await d1.db.prepare("SELECT count(*) AS n FROM devices WHERE workspace_id = ? AND connected = 0").bind(workspace.id).first<{ n: number }>();
    await d1.close();
    if (left?.n !== PRESENCE_PHONES) throw new BenchFailure(`${left?.n ?? 0} of ${PRESENCE_PHONES} phones are recorded offline after their links closed`);
    const phases = splitByPhase(writes, [at.start, at.linking, at.window, at.windowEnd, stopped]);
    const window = phases.find((p) => p.phase === "window");
    return {
      phones: PRESENCE_PHONES,
      heartbeatIntervalMs: Timing.heartbeatIntervalMs,
      phases,
      windowWritesPerS: window === undefined ? Number.NaN : window.rows / (window.ms / 1000),
      loadAverage: { start: load, end: loadavg()[0] ?? 0 },
    };
  } finally {
    await removeTempDir();
  }
}

/**
 * The writes of each phase, `bounds` being its starts and the last one's end (epoch ms):
 * before (wrangler dev starting, its readiness check), connect (the first link opened to
 * the settle after the last welcome), window, after (the online check, the links closed,
 * wrangler dev stopped). A write before the first bound or after the last counts in the
 * phase next to it.
 */
export function splitByPhase(writes: readonly LoggedWrite[], bounds: readonly number[]): PhaseWrites[] {
  const names = ["before", "connect", "window", "after"] as const;
  const phases = names.map((phase, i): PhaseWrites => ({ phase, ms: (bounds[i + 1] ?? Number.NaN) - (bounds[i] ?? Number.NaN), rows: 0, byTable: {} }));
  for (const write of writes) {
    const phase = phases[bounds.slice(1, -1).filter((bound) => write.at_ms >= bound).length];
    if (phase === undefined) continue;
    phase.rows++;
    phase.byTable[write.at_table] = (phase.byTable[write.at_table] ?? 0) + 1;
  }
  return phases;
}
