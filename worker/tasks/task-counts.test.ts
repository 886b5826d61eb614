import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { FailCode } from "../../shared/fail-codes";
import { TaskStatus } from "../../shared/task-status";
import { openDb } from "../db/client";
import { tasks, workspaces } from "../db/schema";
import { claimTask, unclaimTask } from "../device/d1-claim";
import { type Ending, finishAttempt, markPosted } from "../device/d1-finish";
import { Rng } from "../test/fuzz/prng";
import { countDrift, recount } from "../test/task-counts-check";
import { addCredential, type ApiAnswer, callApi, createTestWorkspace, type TestWorkspace } from "../test/workspace-fixture";
import { createTasks } from "./create";
import { parseCreateRequest } from "./create/request";

/**
 * The counters behind `total` and `/task/stats` are never wrong: a seeded sequence of the
 * operations that change tasks, each through the path the product takes (creates, stops,
 * retries and deletes through the API or the dashboard's create; runs through the very D1
 * statements a phone's object runs), and after every step each counter equals a recount of
 * the tasks. Replay a failure with the seed it prints.
 */

const SEED = 0x16_c0_47;
const STEPS = 300;
const SERIALS = ["p-1", "p-2", "p-3", "p-4"];
const db = openDb(env.DB);

interface World {
  ws: TestWorkspace;
  rng: Rng;
  log: string[];
}

/**
 * The workspace's calls, on a new API key every 100: the run is about the counters, and one
 * key's bucket (120 at once, then 10 a second) would otherwise refuse most of it.
 */
function withFreshKeys(ws: TestWorkspace): TestWorkspace {
  let key = ws.apiKey;
  let uses = 0;
  const call = async (method: string, path: string, body?: unknown): Promise<ApiAnswer> => {
    if (++uses > 100) {
      key = await addCredential(ws.id, "api_key");
      uses = 1;
    }
    return callApi(method, path, body, { authorization: `Bearer ${key}` });
  };
  return { ...ws, call };
}

async function idsOf(ws: TestWorkspace, status?: TaskStatus): Promise<{ id: number; attempt_id: string | null }[]> {
  const statement =
    status === undefined
      ? env.DB.prepare("SELECT id, attempt_id FROM tasks WHERE workspace_id = ? ORDER BY id").bind(ws.id)
      : env.DB.prepare("SELECT id, attempt_id FROM tasks WHERE workspace_id = ? AND status = ? ORDER BY id").bind(ws.id, status);
  return (await statement.all<{ id: number; attempt_id: string | null }>()).results;
}

/** A create as a client sends it: a post, or a warm-up, for a few of the phones (a phone may repeat). */
function createBody(rng: Rng) {
  const serials = Array.from({ length: rng.int(1, 3) }, () => rng.pick(SERIALS));
  return rng.chance(0.7)
    ? { serials, script_name: "post", script_config: { material_list: ["clip.mp4"] } }
    : { serials, script_name: "account_warmup", script_config: {} };
}

const ENDINGS: Ending[] = [
  { ok: true, failCode: null, remark: "posted", posted: true, postUrl: null },
  { ok: false, failCode: FailCode.AdbError, remark: "adb", posted: false, postUrl: null },
  { ok: false, failCode: FailCode.UiStepNotFound, remark: "no button", posted: false, postUrl: null },
  { ok: false, failCode: FailCode.UploadNotConfirmed, remark: "upload", posted: true, postUrl: null },
];

type Step = (w: World) => Promise<void>;

const pickOf = async (w: World, status?: TaskStatus) => {
  const rows = await idsOf(w.ws, status);
  return rows.length === 0 ? undefined : w.rng.pick(rows);
};

const STEP_TABLE: readonly (readonly [number, string, Step])[] = [
  [
    5,
    "create through the API",
    async (w) => {
      const answer = await w.ws.call("POST", "/api/v1/task", createBody(w.rng));
      expect(answer.code, answer.message).toBe(0);
    },
  ],
  [
    1,
    "create from the dashboard (source ui)",
    async (w) => {
      const workspace = await db.select().from(workspaces).where(eq(workspaces.id, w.ws.id)).get();
      if (workspace === undefined) throw new Error("no workspace");
      await createTasks(db, workspace, parseCreateRequest(createBody(w.rng)), undefined, env.TASK_SECRETS_KEY, "ui");
    },
  ],
  [
    6,
    "a phone claims a pending task",
    async (w) => {
      const task = await pickOf(w, TaskStatus.Pending);
      if (task) await claimTask(db, w.ws.id, task.id, crypto.randomUUID(), Date.now());
    },
  ],
  [
    6,
    "a run ends (completed, retried or failed)",
    async (w) => {
      const task = await pickOf(w, TaskStatus.Running);
      if (task?.attempt_id) await finishAttempt(db, w.ws.id, task.id, task.attempt_id, w.rng.pick(ENDINGS), Date.now(), { random: () => w.rng.float() });
    },
  ],
  [
    1,
    "a run is taken back unacked",
    async (w) => {
      const task = await pickOf(w, TaskStatus.Running);
      if (task?.attempt_id) await unclaimTask(db, w.ws.id, task.id, task.attempt_id, Date.now());
    },
  ],
  [
    1,
    "a run passes its publishing tap",
    async (w) => {
      const task = await pickOf(w, TaskStatus.Running);
      if (task?.attempt_id) await markPosted(db, w.ws.id, task.id, task.attempt_id, [], Date.now());
    },
  ],
  [
    3,
    "POST /task/{id}/stop",
    async (w) => {
      const task = await pickOf(w);
      if (task) await w.ws.call("POST", `/api/v1/task/${task.id}/stop`);
    },
  ],
  [
    3,
    "POST /task/{id}/retry",
    async (w) => {
      const task = await pickOf(w, w.rng.chance(0.8) ? TaskStatus.Failed : undefined);
      if (task) await w.ws.call("POST", `/api/v1/task/${task.id}/retry`, w.rng.chance(0.3) ? { force: true } : undefined);
    },
  ],
  [1, "POST /task/retry-all", async (w) => void (await w.ws.call("POST", "/api/v1/task/retry-all"))],
  [
    2,
    "DELETE /task/{id}",
    async (w) => {
      const task = await pickOf(w);
      if (task) await w.ws.call("DELETE", `/api/v1/task/${task.id}`);
    },
  ],
  [
    1,
    "DELETE /task/batch",
    async (w) => {
      const all = await idsOf(w.ws);
      const ids = all.filter(() => w.rng.chance(0.3)).map((t) => t.id);
      await w.ws.call("DELETE", "/api/v1/task/batch", { task_ids: [...ids, 2 ** 40] });
    },
  ],
  [
    1,
    "a task's serial, script or source changes (no route does this: the triggers still must follow)",
    async (w) => {
      const task = await pickOf(w);
      if (task === undefined) return;
      const change = w.rng.pick([{ serial: w.rng.pick(SERIALS) }, { scriptName: w.rng.pick(["post", "follow"]) }, { source: w.rng.pick(["api", "ui"] as const) }]);
      await db.update(tasks).set(change).where(eq(tasks.id, task.id)).run();
    },
  ],
];

/** What the API answers must match the recount: the stats, and the total of a random filter. */
async function expectApiTotals(w: World): Promise<void> {
  const stats = (await w.ws.call("GET", "/api/v1/task/stats")).data;
  expect(stats).toEqual({
    total: await recount(w.ws.id),
    pending: await recount(w.ws.id, "status = 0"),
    running: await recount(w.ws.id, "status = 1"),
    completed: await recount(w.ws.id, "status = 2"),
    failed: await recount(w.ws.id, "status = 3"),
  });
  const filters: [string, string, unknown][] = [
    ["status", "status = ?", w.rng.int(0, 3)],
    ["serial", "serial = ?", w.rng.pick(SERIALS)],
    ["script_name", "script_name = ?", w.rng.pick(["post", "account_warmup", "follow"])],
    ["source", "source = ?", w.rng.pick(["api", "ui"])],
  ].filter(() => w.rng.chance(0.5)) as [string, string, unknown][];
  const query = filters.map(([name, , value]) => `${name}=${encodeURIComponent(String(value))}`).join("&");
  const where = filters.map(([, clause]) => clause).join(" AND ") || "1";
  const answer = await w.ws.call("GET", `/api/v1/task?${query}`);
  expect(answer.data.total, `GET /api/v1/task?${query}`).toBe(await recount(w.ws.id, where, filters.map(([, , value]) => value)));
}

describe("the task counters", () => {
  it(`equal a recount of the tasks after every one of ${STEPS} seeded changes (seed ${SEED})`, async () => {
    const world: World = { ws: withFreshKeys(await createTestWorkspace()), rng: new Rng(SEED), log: [] };
    // Another workspace's tasks, on the same serials: counted apart, and never moved by the first's steps.
    const other = await createTestWorkspace();
    await other.call("POST", "/api/v1/task", { serials: SERIALS, script_name: "post", script_config: { material_list: ["clip.mp4"] } });
    for (let step = 0; step < STEPS; step++) {
      const { name, run } = world.rng.weighted(STEP_TABLE.map(([weight, name, run]) => [weight, { name, run }] as const));
      world.log.push(name);
      await run(world);
      const drift = await countDrift();
      expect(drift, `after step ${step} (${name}) of seed ${SEED}; the steps: ${world.log.slice(-5).join(" | ")}`).toEqual([]);
      if (step % 10 === 9) await expectApiTotals(world);
    }
    // The sequence really moved tasks through every state and both kinds of delete.
    expect(new Set(world.log).size).toBe(STEP_TABLE.length);
    expect(await recount(world.ws.id, "status = 3")).toBeGreaterThan(0);
  }, 60_000);
});
