import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { addCredential, callApi, createTestWorkspace } from "../test/workspace-fixture";

/** A post config the create accepts: one video on the agent's PC. */
const CLIP = { material_list: ["clip.mp4"] };

/** Every route of the API, with a body where it takes one. */
const ROUTES: [string, string, unknown?][] = [
  ["POST", "/api/v1/task", { serials: ["a"], script_name: "post", script_config: CLIP }],
  ["GET", "/api/v1/task"],
  ["GET", "/api/v1/task/1"],
  ["DELETE", "/api/v1/task/1"],
  ["DELETE", "/api/v1/task/batch", { task_ids: [1] }],
  ["POST", "/api/v1/task/1/stop"],
  ["POST", "/api/v1/task/1/retry"],
  ["POST", "/api/v1/task/retry-all"],
  ["GET", "/api/v1/task/stats"],
  ["GET", "/api/v1/license/check"],
  ["GET", "/api/v1/accounts"],
  ["POST", "/api/v1/accounts", { username: "x" }],
  ["PATCH", "/api/v1/accounts/1", { email: "a@b.c" }],
  ["DELETE", "/api/v1/accounts/1"],
  ["GET", "/api/v1/devices"],
  ["GET", "/api/v1/workspace"],
  ["PATCH", "/api/v1/workspace", { max_retry_count: 2 }],
];

describe("authentication", () => {
  it.each(ROUTES)("%s %s without a key answers 40101", async (method, path, body) => {
    const answer = await callApi(method, path, body);
    expect(answer.status).toBe(401);
    expect(answer).toMatchObject({ code: 40101, data: null });
    expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("answers 40101 for an unknown route without a key, so routes cannot be probed", async () => {
    expect((await callApi("GET", "/api/v1/nothing-here")).code).toBe(40101);
  });

  it("accepts the key in X-API-Key as well as in Authorization", async () => {
    const ws = await createTestWorkspace();
    const answer = await callApi("GET", "/api/v1/task/stats", undefined, { "x-api-key": ws.apiKey });
    expect(answer.code).toBe(0);
  });

  it.each([
    ["a key that is not ours", "Bearer nonsense"],
    ["a scheme other than Bearer", "Basic dXNlcjpwYXNz"],
    ["an empty bearer", "Bearer "],
  ])("refuses %s with 40101", async (_, authorization) => {
    const answer = await callApi("GET", "/api/v1/task", undefined, { authorization });
    expect(answer.code).toBe(40101);
  });

  it("refuses a real key id with a wrong secret", async () => {
    const ws = await createTestWorkspace();
    const forged = ws.apiKey.slice(0, -4) + (ws.apiKey.endsWith("AAAA") ? "BBBB" : "AAAA");
    const answer = await callApi("GET", "/api/v1/task", undefined, { authorization: `Bearer ${forged}` });
    expect(answer.code).toBe(40101);
  });

  it("refuses a revoked key at once", async () => {
    const ws = await createTestWorkspace();
    expect((await ws.call("GET", "/api/v1/task")).code).toBe(0);
    await env.DB.prepare("update credentials set revoked_at = ? where id = ?")
      .bind(Date.now(), ws.apiKey.slice(0, 16))
      .run();
    expect((await ws.call("GET", "/api/v1/task")).code).toBe(40101);
  });

  it("refuses an agent token on the user API, saying so", async () => {
    const ws = await createTestWorkspace();
    const answer = await callApi("GET", "/api/v1/task", undefined, { authorization: `Bearer ${ws.agentToken}` });
    expect(answer.code).toBe(40101);
    expect(answer.message).toContain("agent token");
  });

  it("records when a key was last used, and stores only its hash", async () => {
    const ws = await createTestWorkspace();
    await ws.call("GET", "/api/v1/task");
    const row = await env.DB.prepare("select * from credentials where id = ?").bind(ws.apiKey.slice(0, 16)).first();
    expect(row?.last_used_at).toEqual(expect.any(Number));
    expect(JSON.stringify(row)).not.toContain(ws.apiKey.slice(17));
  });
});

describe("plans", () => {
  it.each(ROUTES.filter(([, path]) => path !== "/api/v1/license/check"))(
    "%s %s answers a Starter workspace 40301",
    async (method, path, body) => {
      const ws = await createTestWorkspace({ plan: "starter" });
      const answer = await ws.call(method, path, body);
      expect(answer.status).toBe(403);
      expect(answer.code).toBe(40301);
    },
  );

  it("creates nothing for a Starter workspace", async () => {
    const ws = await createTestWorkspace({ plan: "starter" });
    await ws.call("POST", "/api/v1/task", { serials: ["a"], script_name: "post", script_config: CLIP });
    const n = await env.DB.prepare("select count(*) as n from tasks where workspace_id = ?").bind(ws.id).first("n");
    expect(n).toBe(0);
  });
});

describe("the envelope on every failure", () => {
  it("answers an unknown route 40401", async () => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("GET", "/api/v1/tasks");
    expect(answer.status).toBe(404);
    expect(answer).toMatchObject({ code: 40401, data: null });
  });

  it("serves a path with a trailing slash as the path without it", async () => {
    const ws = await createTestWorkspace();
    expect((await ws.call("GET", "/api/v1/task/")).code).toBe(0);
    expect((await ws.call("GET", "/api/v1/task/stats/")).code).toBe(0);
  });

  it("treats empty query parameters as not given", async () => {
    const ws = await createTestWorkspace();
    await ws.call("POST", "/api/v1/task", { serials: ["a"], script_name: "post", script_config: CLIP });
    const answer = await ws.call("GET", "/api/v1/task?status=&serial=&script_name=&source=&page=&page_size=");
    expect(answer.data).toMatchObject({ total: 1, page: 1, page_size: 20 });
  });

  it("answers a path in /api but outside /api/v1 40401 in the envelope, in any case (outside /api is the dashboard)", async () => {
    expect(await callApi("GET", "/api")).toMatchObject({ status: 404, code: 40401 });
    expect(await callApi("GET", "/API/V2/TASK")).toMatchObject({ status: 404, code: 40401 });
  });

  it.each([
    ["PUT", "/api/v1/task", "GET, POST"],
    ["PATCH", "/api/v1/task/1", "DELETE, GET"],
    ["GET", "/api/v1/task/retry-all", "POST"],
    ["POST", "/api/v1/task/stats", "GET"],
    ["GET", "/api/v1/task/batch", "DELETE"],
  ])("answers %s %s with 40001 naming the allowed methods", async (method, path, allowed) => {
    const ws = await createTestWorkspace();
    const answer = await ws.call(method, path);
    expect(answer.status).toBe(400);
    expect(answer.code).toBe(40001);
    expect(answer.message).toContain(allowed);
    expect(answer.headers.get("allow")).toBe(allowed);
  });

  it.each([
    ["not JSON", "{serials: [a]}", "not valid JSON"],
    ["truncated JSON", '{"serials": ["a"', "not valid JSON"],
    ["an empty body", "", "body is empty"],
    ["a JSON array", "[]", "body"],
    ["JSON null", "null", "body"],
  ])("answers a create whose body is %s with 40001", async (_, body, says) => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("POST", "/api/v1/task", body);
    expect(answer.code).toBe(40001);
    expect(answer.message).toContain(says);
  });

  it("answers a body declared as another content type with 40001", async () => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("POST", "/api/v1/task", JSON.stringify({ serials: ["a"] }), { "content-type": "text/plain" });
    expect(answer.code).toBe(40001);
    expect(answer.message).toContain("Content-Type");
  });

  it("answers a task id that is not a number with 40001 naming task_id", async () => {
    const ws = await createTestWorkspace();
    for (const path of ["/api/v1/task/abc", "/api/v1/task/0", "/api/v1/task/1.5/stop", "/api/v1/task/-3/retry"]) {
      const answer = await ws.call(path.endsWith("stop") || path.endsWith("retry") ? "POST" : "GET", path);
      expect(answer.code, path).toBe(40001);
      expect(answer.message, path).toContain("task_id");
    }
  });

  it("answers a task id beyond the safe integers with 40001", async () => {
    const ws = await createTestWorkspace();
    expect((await ws.call("GET", "/api/v1/task/99999999999999999999")).code).toBe(40001);
  });

  it("never sends a stack trace or SQL on an internal error", async () => {
    const ws = await createTestWorkspace();
    await env.DB.exec("CREATE TRIGGER break_tasks BEFORE INSERT ON tasks BEGIN SELECT RAISE(ABORT, 'boom in SQL'); END");
    try {
      const answer = await ws.call("POST", "/api/v1/task", { serials: ["a"], script_name: "post", script_config: CLIP });
      expect(answer).toMatchObject({ status: 500, code: 50001, message: "internal error", data: null });
    } finally {
      await env.DB.exec("DROP TRIGGER break_tasks");
    }
  });

  it("keeps another workspace's key from another workspace's tasks", async () => {
    const a = await createTestWorkspace();
    const b = await createTestWorkspace();
    const created = await a.call("POST", "/api/v1/task", { serials: ["a"], script_name: "post", script_config: CLIP });
    const id = created.data.task_ids[0] as number;
    expect((await b.call("GET", `/api/v1/task/${id}`)).code).toBe(40401);
    expect((await b.call("POST", `/api/v1/task/${id}/stop`)).code).toBe(40401);
    expect((await b.call("DELETE", `/api/v1/task/${id}`)).code).toBe(40401);
    expect((await b.call("GET", "/api/v1/task")).data.total).toBe(0);
    expect((await a.call("GET", `/api/v1/task/${id}`)).data.status).toBe(0);
  });

  it("lets a second key of the same workspace see its tasks", async () => {
    const ws = await createTestWorkspace();
    await ws.call("POST", "/api/v1/task", { serials: ["a"], script_name: "post", script_config: CLIP });
    const second = await addCredential(ws.id, "api_key");
    const answer = await callApi("GET", "/api/v1/task", undefined, { authorization: `Bearer ${second}` });
    expect(answer.data.total).toBe(1);
  });
});
