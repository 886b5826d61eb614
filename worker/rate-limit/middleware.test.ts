import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Env } from "../env";
import { fetchWithEnv } from "../test/app-with-env";
import { createTasks } from "../test/task-fixture";
import { addCredential, callApi, createTestWorkspace } from "../test/workspace-fixture";

afterEach(() => vi.restoreAllMocks());

/**
 * Requests that follow one another take real milliseconds, which refill a fast bucket
 * between them; a refill of one token per 1,000 s keeps counts exact in a test.
 */
const SLOW = { RATE_LIMIT_PER_SECOND: "0.001" };
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const limitHeaders = (headers: Headers) => ({
  limit: headers.get("x-ratelimit-limit"),
  remaining: headers.get("x-ratelimit-remaining"),
  reset: headers.get("x-ratelimit-reset"),
});

describe("rate limiting per API key", () => {
  it("tells every answer the burst, what is left and when the bucket is full again", async () => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("GET", "/api/v1/task/stats");
    expect(answer.code).toBe(0);
    expect(limitHeaders(answer.headers)).toEqual({ limit: "120", remaining: "119", reset: "1" });
  });

  it("counts down with each request", async () => {
    const ws = await createTestWorkspace();
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i++) remaining.push((await fetchWithEnv(SLOW, "GET", "/api/v1/task", bearer(ws.apiKey))).headers.get("x-ratelimit-remaining"));
    expect(remaining).toEqual(["119", "118", "117"]);
  });

  it("sets the headers on error answers too", async () => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("GET", "/api/v1/task/999999");
    expect(answer.code).toBe(40401);
    expect(answer.headers.get("x-ratelimit-limit")).toBe("120");
  });

  it("answers the 121st request of a burst 42901 with Retry-After, in the envelope", async () => {
    const ws = await createTestWorkspace();
    for (let i = 0; i < 120; i++) {
      const served = await fetchWithEnv(SLOW, "GET", "/api/v1/task/stats", bearer(ws.apiKey));
      expect(served.status, `request ${i + 1}`).toBe(200);
    }
    const refused = await fetchWithEnv(SLOW, "GET", "/api/v1/task/stats", bearer(ws.apiKey));
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ code: 42901, message: expect.stringMatching(/^rate limit exceeded: /), data: null });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(limitHeaders(refused.headers)).toMatchObject({ limit: "120", remaining: "0" });
  });

  it("does nothing a refused request asked for", async () => {
    const ws = await createTestWorkspace();
    const small = { ...SLOW, RATE_LIMIT_BURST: "1" };
    await fetchWithEnv(small, "GET", "/api/v1/task", bearer(ws.apiKey));
    const body = JSON.stringify({ serials: ["p"], script_name: "post", script_config: { material_list: ["clip.mp4"] } });
    const refused = await fetchWithEnv(small, "POST", "/api/v1/task", { ...bearer(ws.apiKey), "content-type": "application/json" }, body);
    expect(refused.status).toBe(429);
    const n = await env.DB.prepare("select count(*) as n from tasks where workspace_id = ?").bind(ws.id).first("n");
    expect(n).toBe(0);
  });

  it("keeps a bucket per key: another key, even of the same workspace, is still served", async () => {
    const ws = await createTestWorkspace();
    const other = await createTestWorkspace();
    const secondKey = await addCredential(ws.id, "api_key");
    const small = { ...SLOW, RATE_LIMIT_BURST: "2" };
    for (let i = 0; i < 3; i++) await fetchWithEnv(small, "GET", "/api/v1/task", bearer(ws.apiKey));
    expect((await fetchWithEnv(small, "GET", "/api/v1/task", bearer(ws.apiKey))).status).toBe(429);
    expect((await fetchWithEnv(small, "GET", "/api/v1/task", bearer(secondKey))).status).toBe(200);
    expect((await fetchWithEnv(small, "GET", "/api/v1/task", bearer(other.apiKey))).status).toBe(200);
  });

  it("charges nothing for requests refused as unauthenticated, even with the key's id", async () => {
    const ws = await createTestWorkspace();
    const forged = ws.apiKey.slice(0, -4) + (ws.apiKey.endsWith("AAAA") ? "BBBB" : "AAAA");
    for (let i = 0; i < 5; i++) expect((await fetchWithEnv(SLOW, "GET", "/api/v1/task", bearer(forged))).status).toBe(401);
    const answer = await fetchWithEnv(SLOW, "GET", "/api/v1/task", bearer(ws.apiKey));
    expect(answer.headers.get("x-ratelimit-remaining")).toBe("119");
  });

  it("does not limit an agent token on the agent's routes", async () => {
    const ws = await createTestWorkspace();
    const [id] = await createTasks(ws, ["phone-1"]);
    const strict = { ...SLOW, RATE_LIMIT_BURST: "1" };
    const upload = { ...bearer(ws.agentToken), "content-type": "image/png" };
    for (let i = 0; i < 3; i++) {
      const answer = await fetchWithEnv(strict, "PUT", `/api/v1/agent/tasks/${id}/screenshot`, upload, new Uint8Array([137, 80, 78, 71]));
      expect(answer.status).toBe(200);
      expect(answer.headers.get("x-ratelimit-limit")).toBeNull();
    }
  });

  it("is off with RATE_LIMIT_PER_SECOND = 0: no refusals, no headers", async () => {
    const ws = await createTestWorkspace();
    const off = { RATE_LIMIT_PER_SECOND: "0", RATE_LIMIT_BURST: "1" };
    for (let i = 0; i < 3; i++) {
      const answer = await fetchWithEnv(off, "GET", "/api/v1/task", bearer(ws.apiKey));
      expect(answer.status).toBe(200);
      expect(answer.headers.get("x-ratelimit-limit")).toBeNull();
    }
  });

  it("falls back to the defaults, saying so in the log, when the vars are not numbers", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const ws = await createTestWorkspace();
    const answer = await fetchWithEnv({ RATE_LIMIT_BURST: "unlimited", RATE_LIMIT_PER_SECOND: "-5" }, "GET", "/api/v1/task", bearer(ws.apiKey));
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-ratelimit-limit")).toBe("120");
    expect(logged).toHaveBeenCalledWith(expect.stringContaining("RATE_LIMIT_BURST"));
    expect(logged).toHaveBeenCalledWith(expect.stringContaining("RATE_LIMIT_PER_SECOND"));
  });

  it("lets requests through, and logs it, when the limiter fails", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const ws = await createTestWorkspace();
    const broken = {
      idFromName: (name: string) => env.RATE_LIMITER.idFromName(name),
      get: () => ({ take: () => Promise.reject(new Error("limiter unavailable")) }),
    } as unknown as Env["RATE_LIMITER"];
    const answer = await fetchWithEnv({ RATE_LIMITER: broken }, "GET", "/api/v1/task", bearer(ws.apiKey));
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-ratelimit-limit")).toBeNull();
    expect(logged).toHaveBeenCalledWith(expect.stringContaining("letting the request through"), expect.any(Error));
  });

  it("refuses a request without a key before the limiter is asked", async () => {
    const answer = await callApi("GET", "/api/v1/task");
    expect(answer.code).toBe(40101);
    expect(answer.headers.get("x-ratelimit-limit")).toBeNull();
  });
});
