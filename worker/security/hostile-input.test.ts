import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { seedAccount } from "../test/account-fixture";
import { createTestWorkspace, type TestWorkspace } from "../test/workspace-fixture";

/**
 * Bodies built to cost the Worker more than their bytes, and text that is not text. Every
 * JSON body goes through one reader (worker/http/json-body.ts), so each route here stands
 * for the reader's promise on that route: refused with 40001 saying why, nothing stored.
 */

const POST_CONFIG = { material_list: ["clip.mp4"] };

/** Every route that reads a JSON body, with a body it would accept. */
const BODY_ROUTES: Array<{ method: string; path: (account: number) => string; body: Record<string, unknown> }> = [
  { method: "POST", path: () => "/api/v1/task", body: { serials: ["p1"], script_name: "post", script_config: POST_CONFIG } },
  { method: "DELETE", path: () => "/api/v1/task/batch", body: { task_ids: [1] } },
  { method: "POST", path: () => "/api/v1/task/1/retry", body: {} },
  { method: "POST", path: () => "/api/v1/accounts", body: { username: "hostile" } },
  { method: "PATCH", path: (account) => `/api/v1/accounts/${account}`, body: { email: "a@example.com" } },
  { method: "PATCH", path: () => "/api/v1/workspace", body: { max_retry_count: 2 } },
];

const DEPTH = 450_000;
/** ~900 KB: under the 1 MB byte cap, but 450,000 nested arrays once parsed. */
const deepBody = (route: (typeof BODY_ROUTES)[number]) => JSON.stringify({ ...route.body, x: 0 }).replace('"x":0', `"x":${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}`);

async function withAccount(): Promise<{ ws: TestWorkspace; account: number }> {
  const ws = await createTestWorkspace();
  return { ws, account: await seedAccount(ws.id, { username: "present" }) };
}

async function rowCounts(workspaceId: string): Promise<Record<string, number>> {
  const count = async (table: string) => ((await env.DB.prepare(`select count(*) as n from ${table} where workspace_id = ?`).bind(workspaceId).first<{ n: number }>())?.n ?? -1);
  return { tasks: await count("tasks"), accounts: await count("accounts") };
}

describe("bodies that would parse into far more than their bytes", () => {
  it.each(BODY_ROUTES.map((route) => [`${route.method} ${route.path(0)}`, route] as const))("%s refuses deep, wide and long bodies with 40001", async (_name, route) => {
    const { ws, account } = await withAccount();
    const before = await rowCounts(ws.id);
    const wide = JSON.stringify({ ...route.body, x: Array(30_000).fill(0) });
    const long = JSON.stringify({ ...route.body, x: "y".repeat(300_000) });
    const cases: Array<[string | Uint8Array, string]> = [
      [deepBody(route), "body nests arrays and objects more than 32 deep"],
      [wide, "body holds more than 20000 values"],
      [long, "body has a string longer than 200000 characters"],
      [new Uint8Array([0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x3a, 0x31, 0x7d]), "body is not valid UTF-8"],
    ];
    for (const [body, message] of cases) {
      const answer = await ws.call(route.method, route.path(account), body, { "content-type": "application/json" });
      expect(answer, message).toMatchObject({ status: 400, code: 40001, message });
    }
    expect(await rowCounts(ws.id)).toEqual(before);
  });

  it("a workspace's hostile bodies never fail another workspace's requests sent at the same time", async () => {
    const hostile = await createTestWorkspace();
    const calm = await createTestWorkspace();
    const route = BODY_ROUTES[0];
    if (route === undefined) throw new Error("no route");
    const body = deepBody(route);
    const attacks = Array.from({ length: 48 }, () => hostile.call("POST", "/api/v1/task", body));
    const work = Array.from({ length: 24 }, (_, i) =>
      i % 2 === 0 ? calm.call("POST", "/api/v1/task", { serials: [`calm-${i}`], script_name: "post", script_config: POST_CONFIG }) : calm.call("GET", "/api/v1/task/stats"),
    );
    const [attacked, served] = await Promise.all([Promise.all(attacks), Promise.all(work)]);
    expect(attacked.map((answer) => answer.code)).toEqual(Array(48).fill(40001));
    expect(served.map((answer) => `${answer.status} ${answer.code}`)).toEqual(Array(24).fill("200 0"));
    expect((await rowCounts(calm.id)).tasks).toBe(12);
  });
});

/** A lone surrogate: JSON.stringify writes it as the escape `\ud800`, which JSON.parse accepts. */
const LONE = "q\ud800";

describe("text that is not well-formed Unicode", () => {
  it.each([
    ["username", { username: LONE }],
    ["email", { username: "u1", email: `${LONE}@example.com` }],
    ["password", { username: "u1", password: LONE }],
    ["device", { username: "u1", device: LONE }],
    ["tags[1]", { username: "u1", tags: ["ok", LONE] }],
  ])("POST /api/v1/accounts refuses it in %s, naming the field, storing nothing", async (field, body) => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("POST", "/api/v1/accounts", body);
    expect(answer).toMatchObject({ code: 40001, message: `${field} is not well-formed Unicode: a lone surrogate \\ud800 at character 1` });
    expect((await rowCounts(ws.id)).accounts).toBe(0);
  });

  it.each([
    ["username", { username: LONE }],
    ["tags[0]", { tags: [LONE] }],
  ])("PATCH /api/v1/accounts/{id} refuses it in %s", async (field, body) => {
    const { ws, account } = await withAccount();
    const answer = await ws.call("PATCH", `/api/v1/accounts/${account}`, body);
    expect(answer).toMatchObject({ code: 40001, message: `${field} is not well-formed Unicode: a lone surrogate \\ud800 at character 1` });
    expect((await ws.call("GET", "/api/v1/accounts")).data.accounts[0]).toMatchObject({ username: "present", tags: [] });
  });

  it.each([
    ["serials[0]", { serials: [LONE], script_name: "post", script_config: POST_CONFIG }],
    ["usernames[0]", { usernames: [LONE], script_name: "post", script_config: POST_CONFIG }],
    ["script_config.captions", { serials: ["p1"], script_name: "post", script_config: { ...POST_CONFIG, captions: LONE } }],
    ["script_config.material_list[0]", { serials: ["p1"], script_name: "post", script_config: { material_list: [LONE] } }],
    ["start_time", { serials: ["p1"], script_name: "post", script_config: POST_CONFIG, start_time: LONE }],
  ])("POST /api/v1/task refuses it in %s", async (field, body) => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("POST", "/api/v1/task", body);
    expect(answer).toMatchObject({ code: 40001, message: `${field} is not well-formed Unicode: a lone surrogate \\ud800 at character 1` });
    expect((await rowCounts(ws.id)).tasks).toBe(0);
  });

  it("PATCH /api/v1/workspace refuses it in timezone", async () => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("PATCH", "/api/v1/workspace", { timezone: LONE });
    expect(answer).toMatchObject({ code: 40001, message: "timezone is not well-formed Unicode: a lone surrogate \\ud800 at character 1" });
  });

  it("a query parameter whose percent-encoding is not UTF-8 is refused by name, not compared as raw text", async () => {
    const ws = await createTestWorkspace();
    for (const path of ["/api/v1/accounts?device=%ED%A0%80", "/api/v1/task?serial=q%F0%9F", "/api/v1/accounts?tag=ok&tag2=%C3"]) {
      const answer = await ws.call("GET", path);
      expect(answer.code, path).toBe(40001);
      expect(answer.message, path).toMatch(/^query parameter "(device|serial|tag2)" is not well-formed: its percent-encoding is not UTF-8$/);
    }
    expect((await ws.call("GET", "/api/v1/accounts?tag=caf%C3%A9")).code).toBe(0);
  });
});
