import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createTestWorkspace } from "../workspace-fixture";

/**
 * Bugs the fuzz run found, each as the smallest request that shows it. `it.fails`: these
 * pass while the bug is there; when one is fixed, its test fails, and it becomes a plain
 * `it` (and its entry in known-bugs.ts goes).
 */

const tasksOf = async (workspaceId: string) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM tasks WHERE workspace_id = ?").bind(workspaceId).first<{ n: number }>())?.n;

describe("known bugs found by the fuzz run", () => {
  // docs/api.md: "wrong method on a known path: 40001 naming the allowed methods, with an
  // Allow header". On agent paths the request falls through the agent routes to
  // `app.use("/api/v1/*", requireApiKey)`, which refuses the agent token instead.
  it("answers a wrong method on an agent path 40001 naming the allowed methods", async () => {
    const ws = await createTestWorkspace();
    const response = await SELF.fetch("https://api.test/api/v1/agent/devices/fz-1/ws", {
      method: "PATCH",
      headers: { authorization: `Bearer ${ws.agentToken}` },
    });
    const body = await response.json<{ code: number; message: string }>();
    // Observed: 401 {"code":40101,"message":"an agent token cannot call the user API"}
    expect({ status: response.status, code: body.code, allow: response.headers.get("allow") }).toEqual({ status: 400, code: 40001, allow: "GET" });
  });

  // docs/api.md: "body size: 1 MB at most (40001 beyond)". readJson compares the text's
  // UTF-16 length with the byte limit, so a body sent without Content-Length (chunked) of
  // multi-byte text up to 3 MB gets through; the same bytes with a Content-Length are refused.
  it("refuses a streamed body over 1 MB of multi-byte text with 40001", async () => {
    const ws = await createTestWorkspace();
    const material = Array.from({ length: 100 }, () => "中".repeat(1000)); // 300 KB as UTF-8
    const json = JSON.stringify({ serials: ["a"], script_name: "post", script_config: { material_list: material } });
    const text = `${json.slice(0, -1)}${" ".repeat(999_999 - json.length)}}`; // 999,999 characters, 1.2 MB
    const bytes = new TextEncoder().encode(text);
    expect(bytes.byteLength).toBeGreaterThan(1_000_000);
    const response = await SELF.fetch("https://api.test/api/v1/task", {
      method: "POST",
      headers: { authorization: `Bearer ${ws.apiKey}`, "content-type": "application/json" },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(bytes);
          controller.close();
        },
      }),
    });
    // Observed: 200 {"code":0,...,"data":{"task_ids":[…],"created_count":1}}
    expect(await response.json()).toMatchObject({ code: 40001, message: expect.stringContaining("larger than") });
  });

  // docs/api.md: "unknown fields: refused with 40001 naming them, at the top level of a
  // create and inside script_config". The create reads its body with
  // z.record(z.string(), z.unknown()) (and script_config likewise), whose output leaves out
  // an own `__proto__` key, so the strict schemas after it never see it; the accounts and
  // batch-delete bodies, read strictly at once, refuse it.
  // JSON text written out: in an object literal, `__proto__` would set the prototype.
  it.each([
    ["at the top level", '{"__proto__": 1, "serials": ["a"], "script_name": "post", "script_config": {}}'],
    ["inside script_config", '{"serials": ["a"], "script_name": "post", "script_config": {"__proto__": {"captions": 5}}}'],
  ])("refuses a create with an unknown __proto__ field %s, creating nothing", async (_where, body) => {
    const ws = await createTestWorkspace();
    const response = await SELF.fetch("https://api.test/api/v1/task", {
      method: "POST",
      headers: { authorization: `Bearer ${ws.apiKey}`, "content-type": "application/json" },
      body,
    });
    // Observed: 200 {"code":0,...,"created_count":1}, script_config stored as {}.
    expect(await response.json()).toMatchObject({ code: 40001, message: expect.stringContaining("__proto__") });
    expect(await tasksOf(ws.id)).toBe(0);
  });
});
