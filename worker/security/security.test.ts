import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { hashSecret } from "../../shared/credentials";
import { createApp } from "../app";
import { openDb } from "../db/client";
import { archiveHistory } from "../retention/archive-run";
import { historyPrefix } from "../retention/history-key";
import { DAY, finishedTask } from "../retention/history-testing";
import { screenshotKey } from "../routes/tasks/evidence";
import { addTaskLog, createTasks, failed, setTaskState } from "../test/task-fixture";
import { callApi, createTestWorkspace, type TestWorkspace } from "../test/workspace-fixture";

/**
 * The security promises of the API, each checked against the running Worker and the
 * database it writes: no route answers without a key; secrets are stored only as hashes;
 * API keys and agent tokens are not interchangeable; a workspace never reaches another's
 * tasks, accounts or devices; a revoked key stops working at once.
 */

interface Ids {
  task: number;
  account: number;
  material: number;
  upload: string;
}

interface Route {
  method: string;
  /** The path as the app registers it, to check this table against the app. */
  pattern: string;
  path: (ids: Ids) => string;
  body?: unknown;
}

const route = (method: string, pattern: string, path: (ids: Ids) => string, body?: unknown): Route => ({ method, pattern, path, body });
/** A file the library takes (its bytes start as an MP4's). */
const MP4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 1, 2, 3, 4]);
const TASK = "/api/v1/task/:task_id{[0-9]+}";
const ACCOUNT = "/api/v1/accounts/:id";
const MATERIAL = "/api/v1/materials/:id{[0-9]+}";
const UPLOAD = "/api/v1/materials/uploads/:upload_id";

/** Every route of the user API (API key), with real ids of a workspace that owns them. */
const USER_ROUTES: Route[] = [
  route("POST", "/api/v1/task", () => "/api/v1/task", { serials: ["sec-phone"], script_name: "post", script_config: { material_list: ["clip.mp4"] } }),
  route("GET", "/api/v1/task", () => "/api/v1/task"),
  route("GET", "/api/v1/task/stats", () => "/api/v1/task/stats"),
  route("GET", "/api/v1/task/export", () => "/api/v1/task/export?from=2026-01-01"),
  route("POST", "/api/v1/task/retry-all", () => "/api/v1/task/retry-all"),
  route("DELETE", "/api/v1/task/batch", () => "/api/v1/task/batch", { task_ids: [1] }),
  route("GET", TASK, (ids) => `/api/v1/task/${ids.task}`),
  route("DELETE", TASK, (ids) => `/api/v1/task/${ids.task}`),
  route("POST", `${TASK}/stop`, (ids) => `/api/v1/task/${ids.task}/stop`),
  route("POST", `${TASK}/retry`, (ids) => `/api/v1/task/${ids.task}/retry`),
  route("GET", `${TASK}/logs`, (ids) => `/api/v1/task/${ids.task}/logs`),
  route("GET", `${TASK}/screenshot`, (ids) => `/api/v1/task/${ids.task}/screenshot`),
  route("GET", "/api/v1/license/check", () => "/api/v1/license/check"),
  route("GET", "/api/v1/accounts", () => "/api/v1/accounts"),
  route("POST", "/api/v1/accounts", () => "/api/v1/accounts", { username: "sec-new" }),
  route("PATCH", ACCOUNT, (ids) => `/api/v1/accounts/${ids.account}`, { email: "x@example.com" }),
  route("DELETE", ACCOUNT, (ids) => `/api/v1/accounts/${ids.account}`),
  route("GET", "/api/v1/devices", () => "/api/v1/devices"),
  route("GET", "/api/v1/materials", () => "/api/v1/materials"),
  route("POST", "/api/v1/materials", () => "/api/v1/materials", MP4),
  route("GET", MATERIAL, (ids) => `/api/v1/materials/${ids.material}`),
  route("GET", `${MATERIAL}/content`, (ids) => `/api/v1/materials/${ids.material}/content`),
  route("PATCH", MATERIAL, (ids) => `/api/v1/materials/${ids.material}`, { caption: "x" }),
  route("DELETE", MATERIAL, (ids) => `/api/v1/materials/${ids.material}`),
  route("POST", "/api/v1/materials/import", () => "/api/v1/materials/import", { url: "https://media.example.com/clips/beach%20day.mp4" }),
  route("POST", "/api/v1/materials/uploads", () => "/api/v1/materials/uploads", { content_type: "video/mp4", size: 16 }),
  route("GET", UPLOAD, (ids) => `/api/v1/materials/uploads/${ids.upload}`),
  route("PUT", `${UPLOAD}/parts/:part_number`, (ids) => `/api/v1/materials/uploads/${ids.upload}/parts/1`, MP4),
  route("POST", `${UPLOAD}/complete`, (ids) => `/api/v1/materials/uploads/${ids.upload}/complete`),
  route("DELETE", UPLOAD, (ids) => `/api/v1/materials/uploads/${ids.upload}`),
  route("GET", "/api/v1/workspace", () => "/api/v1/workspace"),
  route("PATCH", "/api/v1/workspace", () => "/api/v1/workspace", { max_retry_count: 2 }),
];

/** The agent's routes (agent token). */
const SCREENSHOT_UPLOAD = route("PUT", "/api/v1/agent/tasks/:task_id{[0-9]+}/screenshot", (ids) => `/api/v1/agent/tasks/${ids.task}/screenshot`);
const MATERIAL_FETCH = route("GET", "/api/v1/agent/materials/:id/content", (ids) => `/api/v1/agent/materials/${ids.material}/content`);
const PHONES_REPORT = route("PUT", "/api/v1/agent/phones", () => "/api/v1/agent/phones");
const PHONES_READ = route("GET", "/api/v1/agent/phones", () => "/api/v1/agent/phones?agent_id=sec-pc");
const AGENT_ROUTES: Route[] = [route("GET", "/api/v1/agent/devices/:serial/ws", () => "/api/v1/agent/devices/sec-phone/ws"), SCREENSHOT_UPLOAD, MATERIAL_FETCH, PHONES_REPORT, PHONES_READ];
/** Routes that take no credential by design: an agent being paired has none yet (docs/agent-pairing.md). */
const PUBLIC_ROUTES: Route[] = [
  route("POST", "/api/v1/agent/pair", () => "/api/v1/agent/pair", { name: "sec-pc" }),
  route("POST", "/api/v1/agent/pair/poll", () => "/api/v1/agent/pair/poll", { poll_token: `tmp_${"A".repeat(43)}` }),
];

const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);
const bearer = (credential: string) => ({ authorization: `Bearer ${credential}` });
/** The same credential id with another secret: the row is found, the hash does not match. */
const withWrongSecret = (credential: string) => credential.slice(0, -4) + (credential.endsWith("AAAA") ? "BBBB" : "AAAA");
const secretOf = (credential: string) => credential.slice(17);

/** Calls an agent route as an agent would: WebSocket upgrade, a plain GET, or an image body. */
async function callAgentRoute(r: Route, ids: Ids, headers: Record<string, string>): Promise<Response> {
  const init: RequestInit =
    r === MATERIAL_FETCH || r === PHONES_READ
      ? { headers }
      : r.method === "GET"
        ? { headers: { upgrade: "websocket", ...headers } }
        : { method: "PUT", headers: { "content-type": "image/png", ...headers }, body: PNG };
  return SELF.fetch(`https://api.test${r.path(ids)}`, init);
}

/** A workspace that owns a failed task with a log and a screenshot, and an account on its phone. */
async function workspaceWithEverything(): Promise<{ ws: TestWorkspace; ids: Ids; pendingTask: number }> {
  const ws = await createTestWorkspace();
  const [task, pendingTask] = await createTasks(ws, ["owner-phone", "owner-phone"]);
  if (task === undefined || pendingTask === undefined) throw new Error("tasks were not created");
  await setTaskState(task, failed);
  await addTaskLog(ws.id, task);
  await env.SCREENSHOTS.put(screenshotKey(ws.id, task), PNG, { httpMetadata: { contentType: "image/png" } });
  const account = await ws.call("POST", "/api/v1/accounts", { username: "owner", device: "owner-phone", tags: ["vip"] });
  if (account.code !== 0) throw new Error(`account was not created: ${account.message}`);
  const material = await ws.call("POST", "/api/v1/materials?tags=vip", MP4, { "content-type": "video/mp4" });
  if (material.code !== 0) throw new Error(`material was not uploaded: ${material.message}`);
  const upload = await ws.call("POST", "/api/v1/materials/uploads", { content_type: "video/mp4", size: 16 });
  if (upload.code !== 0) throw new Error(`upload was not started: ${upload.message}`);
  return { ws, ids: { task, account: account.data.id as number, material: material.data.id as number, upload: upload.data.upload_id as string }, pendingTask };
}

/** Everything D1 and R2 hold of a workspace, to compare before and after an attempt. */
async function snapshot(workspaceId: string, ids: Ids): Promise<unknown> {
  const tables = ["tasks", "task_logs", "accounts", "account_tags", "devices", "idempotency_keys", "materials", "material_tags", "material_uploads"];
  const rows = await Promise.all(
    tables.map((t) => env.DB.prepare(`SELECT * FROM ${t} WHERE workspace_id = ? ORDER BY rowid`).bind(workspaceId).all()),
  );
  const screenshot = await env.SCREENSHOTS.head(screenshotKey(workspaceId, ids.task));
  const media = await env.MEDIA.list({ prefix: `materials/${workspaceId}/` });
  const history = await env.MEDIA.list({ prefix: historyPrefix(workspaceId) });
  return { rows: rows.map((r) => r.results), screenshot: screenshot?.etag ?? null, media: media.objects.map((o) => o.key), history: history.objects.map((o) => o.etag) };
}

describe("the route table", () => {
  it("names every route the app serves", () => {
    const served = createApp().routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`);
    const listed = [...USER_ROUTES, ...AGENT_ROUTES, ...PUBLIC_ROUTES].map((r) => `${r.method} ${r.pattern}`);
    expect(listed.sort()).toEqual(served.sort());
  });
});

describe("no route answers without a valid API key", () => {
  let owner: TestWorkspace;
  let ids: Ids;
  beforeAll(async () => ({ ws: owner, ids } = await workspaceWithEverything()));

  const presented: [string, (ws: TestWorkspace) => Record<string, string>][] = [
    ["no key", () => ({})],
    ["a malformed key", () => bearer("tmk_not-a-real-key")],
    ["a malformed X-API-Key", () => ({ "x-api-key": "nonsense" })],
    ["a real key id with a wrong secret", (ws) => bearer(withWrongSecret(ws.apiKey))],
    ["the workspace's agent token", (ws) => bearer(ws.agentToken)],
  ];
  const cases = USER_ROUTES.flatMap((r) => presented.map(([what, headers]) => [r.method, r.pattern, what, r, headers] as const));

  it.each(cases)("%s %s with %s answers 40101", async (_m, _p, _what, r, headers) => {
    const before = await snapshot(owner.id, ids);
    const answer = await callApi(r.method, r.path(ids), r.body, headers(owner));
    expect({ status: answer.status, code: answer.code, data: answer.data }).toEqual({ status: 401, code: 40101, data: null });
    expect(await snapshot(owner.id, ids)).toEqual(before);
  });

  it.each(AGENT_ROUTES.map((r) => [r.method, r.pattern, r] as const))("%s %s refuses an API key with 40101", async (_m, _p, r) => {
    const response = await callAgentRoute(r, ids, bearer(owner.apiKey));
    expect(response.webSocket).toBeNull();
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ code: 40101, message: "an API key cannot connect as an agent", data: null });
  });

  it.each(PUBLIC_ROUTES.map((r) => [r.method, r.pattern, r] as const))("%s %s needs no credential, and with one still reads and changes nothing of its workspace", async (_m, _p, r) => {
    const before = await snapshot(owner.id, ids);
    const anonymous = await callApi(r.method, r.path(ids), r.body);
    const withKey = await callApi(r.method, r.path(ids), r.body, bearer(owner.apiKey));
    // A pairing starts, or a made-up poll secret is unknown: neither says anything of a workspace.
    for (const answer of [anonymous, withKey]) expect([0, 40401]).toContain(answer.code);
    expect(JSON.stringify(withKey.data ?? {})).not.toContain(owner.id);
    expect(await snapshot(owner.id, ids)).toEqual(before);
  });

  it.each(AGENT_ROUTES.map((r) => [r.method, r.pattern, r] as const))("%s %s refuses a request without a token", async (_m, _p, r) => {
    const response = await callAgentRoute(r, ids, {});
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 40101, data: null });
  });
});

describe("secrets at rest", () => {
  it("stores a key and a token only as SHA-256 hashes, in no column of any table", async () => {
    const { ws, ids } = await workspaceWithEverything();
    // Use both, so whatever a use writes (last-used times, uploads) is in the database too.
    expect((await ws.call("GET", "/api/v1/task")).code).toBe(0);
    expect((await callAgentRoute(SCREENSHOT_UPLOAD, ids, bearer(ws.agentToken))).status).toBe(200);

    const stored = await env.DB.prepare("SELECT id, secret_hash FROM credentials WHERE workspace_id = ? ORDER BY kind")
      .bind(ws.id)
      .all<{ id: string; secret_hash: string }>();
    expect(stored.results).toEqual([
      { id: ws.agentToken.slice(0, 16), secret_hash: await hashSecret(secretOf(ws.agentToken)) },
      { id: ws.apiKey.slice(0, 16), secret_hash: await hashSecret(secretOf(ws.apiKey)) },
    ]);

    // D1 refuses reads of its own _cf_ tables; everything of the schema is read.
    const tables = await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
    ).all<{ name: string }>();
    expect(tables.results.map((t) => t.name)).toContain("credentials");
    for (const { name } of tables.results) {
      const everything = JSON.stringify((await env.DB.prepare(`SELECT * FROM "${name}"`).all()).results);
      expect(everything, name).not.toContain(secretOf(ws.apiKey));
      expect(everything, name).not.toContain(secretOf(ws.agentToken));
    }
  });
});

describe("one workspace never reaches another's tasks, accounts or devices", () => {
  let owner: TestWorkspace;
  let ids: Ids;
  let pendingTask: number;
  let intruder: TestWorkspace;
  beforeAll(async () => {
    ({ ws: owner, ids, pendingTask } = await workspaceWithEverything());
    intruder = await createTestWorkspace();
  });

  const attempts: [string, string, (ids: Ids, pending: number) => string, unknown?][] = [
    ["read the task", "GET", (i) => `/api/v1/task/${i.task}`],
    ["read its logs", "GET", (i) => `/api/v1/task/${i.task}/logs`],
    ["read its screenshot", "GET", (i) => `/api/v1/task/${i.task}/screenshot`],
    ["stop a pending task", "POST", (_, p) => `/api/v1/task/${p}/stop`],
    ["retry a failed task", "POST", (i) => `/api/v1/task/${i.task}/retry`],
    ["delete a task", "DELETE", (_, p) => `/api/v1/task/${p}`],
    ["change an account", "PATCH", (i) => `/api/v1/accounts/${i.account}`, { email: "mine@example.com", device: "mine" }],
    ["delete an account", "DELETE", (i) => `/api/v1/accounts/${i.account}`],
    ["read a material", "GET", (i) => `/api/v1/materials/${i.material}`],
    ["read a material's bytes", "GET", (i) => `/api/v1/materials/${i.material}/content`],
    ["change a material", "PATCH", (i) => `/api/v1/materials/${i.material}`, { caption: "mine", used: 1 }],
    ["delete a material", "DELETE", (i) => `/api/v1/materials/${i.material}`],
    ["read an upload", "GET", (i) => `/api/v1/materials/uploads/${i.upload}`],
    ["complete an upload", "POST", (i) => `/api/v1/materials/uploads/${i.upload}/complete`],
    ["abort an upload", "DELETE", (i) => `/api/v1/materials/uploads/${i.upload}`],
  ];

  it.each(attempts)("answers an attempt to %s 40401 and changes nothing", async (_what, method, path, body) => {
    const before = await snapshot(owner.id, ids);
    const answer = await intruder.call(method, path(ids, pendingTask), body);
    expect({ status: answer.status, code: answer.code, data: answer.data }).toEqual({ status: 404, code: 40401, data: null });
    expect(await snapshot(owner.id, ids)).toEqual(before);
  });

  it("refuses the other's agent token an upload to the task (40401), keeping the screenshot", async () => {
    const before = await snapshot(owner.id, ids);
    const response = await callAgentRoute(SCREENSHOT_UPLOAD, ids, bearer(intruder.agentToken));
    expect(await response.json()).toMatchObject({ code: 40401, data: null });
    expect(await snapshot(owner.id, ids)).toEqual(before);
  });

  it("shows none of them in its lists, stats or devices", async () => {
    const lists = await Promise.all(
      ["/api/v1/task", "/api/v1/task/stats", "/api/v1/accounts", "/api/v1/devices", "/api/v1/materials"].map((p) => intruder.call("GET", p)),
    );
    expect(lists.map((a) => [a.code, a.data.total])).toEqual([[0, 0], [0, 0], [0, 0], [0, 0], [0, 0]]);
  });

  it("exports none of them, archived or still in D1", async () => {
    const archived = await finishedTask(owner, Date.now() - 100 * DAY);
    await archiveHistory(openDb(env.DB), env.MEDIA, Date.now());
    const period = `from=${new Date(Date.now() - 101 * DAY).toISOString()}&to=${new Date(Date.now() + DAY).toISOString()}`;
    const exported = async (ws: TestWorkspace) => {
      const response = await SELF.fetch(`https://api.test/api/v1/task/export?${period}`, { headers: bearer(ws.apiKey) });
      expect(response.status).toBe(200);
      return (await response.text()).split("\n").filter((line) => line !== "").map((line) => (JSON.parse(line) as { id: number }).id);
    };
    expect(await exported(owner)).toEqual([archived, ids.task]);
    expect(await exported(intruder)).toEqual([]);
  });

  it("retries none of them with retry-all and deletes none with a batch delete", async () => {
    const before = await snapshot(owner.id, ids);
    expect((await intruder.call("POST", "/api/v1/task/retry-all")).data).toEqual({ retried_count: 0, task_ids: [], skipped: [] });
    const batch = await intruder.call("DELETE", "/api/v1/task/batch", { task_ids: [ids.task, pendingTask] });
    expect(batch.data).toEqual({ deleted_count: 0, task_ids: [], not_found: [ids.task, pendingTask], skipped: [] });
    expect(await snapshot(owner.id, ids)).toEqual(before);
  });
});

describe("revocation", () => {
  const revoke = (credential: string) =>
    // As `admin revoke` does it (tools/admin/ops/credentials.ts).
    env.DB.prepare("UPDATE credentials SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL").bind(Date.now(), credential.slice(0, 16)).run();

  it("refuses a revoked API key on the very next request, with tokens left in its bucket", async () => {
    const ws = await createTestWorkspace();
    const served = await ws.call("GET", "/api/v1/task");
    expect(served.code).toBe(0);
    expect(Number(served.headers.get("x-ratelimit-remaining"))).toBeGreaterThan(100);
    await revoke(ws.apiKey);
    for (const r of USER_ROUTES) {
      const answer = await ws.call(r.method, r.path({ task: 1, account: 1, material: 1, upload: "AAAAAAAAAAAAAAAAAAAAAA" }), r.body);
      expect(answer.code, `${r.method} ${r.pattern}`).toBe(40101);
    }
  });

  it("leaves the workspace's other credentials working", async () => {
    const ws = await createTestWorkspace();
    await revoke(ws.agentToken);
    expect((await ws.call("GET", "/api/v1/task")).code).toBe(0);
  });

  it("refuses a revoked agent token on the very next connection and upload", async () => {
    const { ws, ids } = await workspaceWithEverything();
    expect((await callAgentRoute(SCREENSHOT_UPLOAD, ids, bearer(ws.agentToken))).status).toBe(200);
    await revoke(ws.agentToken);
    for (const r of AGENT_ROUTES) {
      const response = await callAgentRoute(r, ids, bearer(ws.agentToken));
      expect(response.status, `${r.method} ${r.pattern}`).toBe(401);
      expect(await response.json()).toMatchObject({ code: 40101 });
    }
  });
});
