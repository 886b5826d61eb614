import { mkdir } from "node:fs/promises";
import { loadavg } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { chromiumMissing, launchBrowser } from "../lib/chromium";
import { prepareLocalDatabase } from "../lib/prepare-local";
import { AgentFleet } from "./agent-fleet";
import { type AgentWorkspace, createAgentWorkspace } from "./agent-setup";
import type { Cleanup } from "./cleanup";
import { localDatabaseId } from "./d1-id";
import { homeRowsRead, type StatementRead } from "./dashboard-d1";
import { measurePage, type PageFigure, type PageSpec, SESSION_COOKIE, SLOW_4G } from "./dashboard-render";
import { BenchFailure } from "./failure";
import { expectShape, timedCall } from "./http";
import { openLocalD1 } from "./local-d1";
import { expectedTotal, type SeedResult, type SeedShape, seedOfflinePhones, seedTasks } from "./seed";
import { type BenchServer, startBenchServer } from "./server";

export const DASHBOARD_PHONES = 100;
/** Phones with an agent connected (phone-0 … phone-79); the other 20 were seen hours ago. */
export const DASHBOARD_ONLINE = 80;
/**
 * 10,000 tasks on the 100 phones, one every 30 s over the last 83 hours, a quarter in each
 * status: so some failed within the last 24 h and some finished today. The pending ones are
 * queued for an hour from now on, so the connected phones have nothing due while the pages
 * are measured (a run would change the counts the pages show).
 */
export const DASHBOARD_SEED: SeedShape = { tasks: 10_000, serials: DASHBOARD_PHONES, spacingMs: 30_000, pendingDueInMs: 3_600_000 };
export const DASHBOARD_RUNS = 5;
export const DASHBOARD_WARMUPS = 1;

/** The pages measured, each with what it must show of the seed. */
const PAGES: readonly PageSpec[] = [
  {
    path: "/",
    expect: { "[data-count]": 4 },
    texts: {
      '[data-count="running"] dd': String(expectedTotal({ status: 1 }, DASHBOARD_SEED)),
      '[data-count="queued"] dd': String(expectedTotal({ status: 0 }, DASHBOARD_SEED)),
    },
  },
  { path: "/tasks", expect: { "li.task": 20 } },
  { path: "/phones", expect: { "li.phone": DASHBOARD_PHONES, 'li.phone[data-presence="online"]': DASHBOARD_ONLINE } },
];

export interface DashboardFigure {
  chromium: string;
  network: typeof SLOW_4G;
  phones: number;
  online: number;
  seed: SeedResult & { tasks: number };
  runs: number;
  warmups: number;
  pages: PageFigure[];
  /** Runs the connected agents were sent while the pages were measured (expected 0). */
  runsDispatched: number;
  /** D1 rows read by each statement of one home page view (worker/web/data/home-data.ts), afterwards. */
  homeReads: StatementRead[];
  loadAverage: { start: number; end: number };
}

export type DashboardResult = DashboardFigure | { skipped: string };

const devicesAnswer = z.object({ devices: z.array(z.object({ serial: z.string(), online: z.boolean() })), total: z.number() });

/**
 * Section 10: the dashboard's pages in Chromium over "Slow 4G" for a workspace with 100
 * phones (80 online, their agents simulated on WebSockets) and 10,000 tasks. Its own temp
 * D1 (migrations, a Business workspace with an API key and an agent token), the seed through
 * Miniflare, then its own wrangler dev; one sign-in through the form (POST /login with the
 * key), the session cookie reused by every cold load (dashboard-render.ts).
 */
export async function measureDashboard(cleanup: Cleanup, signal: AbortSignal, progress: (line: string) => void): Promise<DashboardResult> {
  const missing = chromiumMissing();
  if (missing !== undefined) return { skipped: missing };
  const { dir, release: removeTempDir } = await cleanup.tempDir("bench-dashboard");
  try {
    const persistTo = join(dir, "d1");
    await mkdir(persistTo);
    progress("migrations, a workspace with an API key and an agent token");
    const target = await prepareLocalDatabase(persistTo);
    const databaseId = await localDatabaseId();
    const workspace = await createAgentWorkspace(target, "bench-dashboard");
    signal.throwIfAborted();
    progress(`seeding ${DASHBOARD_SEED.tasks.toLocaleString("en-US")} tasks and ${DASHBOARD_PHONES - DASHBOARD_ONLINE} offline phones through Miniflare's D1`);
    const d1 = await openLocalD1(persistTo, databaseId, workspace.id, cleanup);
    const seed = await seedTasks(d1.db, workspace.id, DASHBOARD_SEED);
    await seedOfflinePhones(d1.db, workspace.id, DASHBOARD_ONLINE, DASHBOARD_PHONES - DASHBOARD_ONLINE);
    await d1.close();
    signal.throwIfAborted();

    progress("starting wrangler dev");
    const server = await startBenchServer(persistTo, workspace.key, cleanup, signal);
    const browsed = await browse(server, workspace, cleanup, signal, progress).finally(() => server.stop());
    // The fleet's own list, read now that its links are closed.
    const runsDispatched = browsed.runs.length;
    if (runsDispatched > 0) throw new BenchFailure(`${runsDispatched} task(s) were dispatched to the agents while the pages were measured; the seed queues every pending task for later`);
    signal.throwIfAborted();
    progress("the home page's statements once more through Miniflare's D1, for their rows_read");
    const after = await openLocalD1(persistTo, databaseId, workspace.id, cleanup);
    const homeReads = await homeRowsRead(after.db, workspace.id, "UTC");
    await after.close();
    return {
      chromium: browsed.chromium,
      network: SLOW_4G,
      phones: DASHBOARD_PHONES,
      online: DASHBOARD_ONLINE,
      seed: { ...seed, tasks: DASHBOARD_SEED.tasks },
      runs: DASHBOARD_RUNS,
      warmups: DASHBOARD_WARMUPS,
      pages: browsed.pages,
      runsDispatched,
      loadAverage: browsed.loadAverage,
      homeReads,
    };
  } finally {
    await removeTempDir();
  }
}

/** With wrangler dev up: the agents connected, the phones checked, one sign-in, then every page of PAGES in Chromium, the load average before and after. */
async function browse(server: BenchServer, workspace: AgentWorkspace, cleanup: Cleanup, signal: AbortSignal, progress: (line: string) => void) {
  progress(`wrangler dev on ${server.baseUrl}; ${DASHBOARD_ONLINE} simulated agents say hello`);
  const serials = Array.from({ length: DASHBOARD_ONLINE }, (_, i) => `phone-${i}`);
  const fleet = await AgentFleet.connect(server, workspace.agentToken, serials, cleanup, signal);
  try {
    await expectPhones(server, workspace.key, signal);
    const session = await signIn(server, workspace.key, signal);
    progress("launching Chromium");
    const browser = await launchBrowser({ handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
    // Playwright's own exit hook kills the browser's process group and removes its profile.
    const browserStep = cleanup.add("Chromium", () => browser.close(), () => undefined);
    try {
      const start = loadavg()[0] ?? 0;
      const pages: PageFigure[] = [];
      for (const spec of PAGES) {
        progress(`${spec.path}: ${DASHBOARD_WARMUPS} + ${DASHBOARD_RUNS} cold loads over Slow 4G`);
        pages.push(await measurePage(browser, spec, { baseUrl: server.baseUrl, session, runs: DASHBOARD_RUNS, warmups: DASHBOARD_WARMUPS }, signal));
      }
      return { chromium: browser.version(), pages, loadAverage: { start, end: loadavg()[0] ?? 0 }, runs: fleet.runs };
    } finally {
      await browserStep.release();
    }
  } finally {
    await fleet.close();
  }
}

/** GET /api/v1/devices must list all 100 phones, exactly the 80 with agents online. */
async function expectPhones(server: BenchServer, key: string, signal: AbortSignal): Promise<void> {
  const path = `/api/v1/devices?page_size=${DASHBOARD_PHONES}`;
  const answer = expectShape(devicesAnswer, (await timedCall(server, key, "GET", path, undefined, signal)).data, `GET ${path}`);
  const online = answer.devices.filter((d) => d.online).length;
  if (answer.total !== DASHBOARD_PHONES || online !== DASHBOARD_ONLINE) {
    throw new BenchFailure(`GET ${path} shows ${answer.total} phones, ${online} online; the seed makes ${DASHBOARD_PHONES}, ${DASHBOARD_ONLINE} online`);
  }
}

/**
 * The sign-in form as a browser posts it (POST /login with the API key, from this origin):
 * the answer's session cookie, which every cold load then carries.
 */
async function signIn(server: BenchServer, key: string, signal: AbortSignal): Promise<string> {
  const response = await fetch(`${server.baseUrl}/login`, {
    method: "POST",
    headers: { origin: server.baseUrl, "content-type": "application/x-www-form-urlencoded", "user-agent": "npm run bench" },
    body: new URLSearchParams({ key }).toString(),
    redirect: "manual",
    signal,
  });
  await response.text();
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  const value = cookie?.slice(SESSION_COOKIE.length + 1).split(";")[0];
  if (response.status !== 303 || value === undefined || value === "") {
    throw new BenchFailure(`POST /login with the API key answered HTTP ${response.status} without a session cookie\n${server.outputTail()}`);
  }
  return value;
}
