import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { httpStatusOf, type ApiCode } from "../../shared/api-codes";
import type { Logger } from "../logger";
import { type DevServer, startDevServer } from "../testing/dev-server";
import { type LocalApi, startLocalApi } from "./local-api";
import { type Exchange, runTaskApiConformance, SPEC_CREATE_EXAMPLE } from "./task-api-conformance";

/**
 * The conformance of the task API through TikMatrix's port: the same calls, as TikMatrix's
 * clients make them, once to the Worker (wrangler dev) with the API key and once to the
 * agent's local API on 127.0.0.1 with no key at all; the answers must be the same apart from
 * ids and times. The port is an ephemeral one (50809 is only the default, and may be taken).
 */
let dev: DevServer | undefined;
let local: LocalApi | undefined;
const agentLog: string[] = [];
const log: Logger = { info: (m) => agentLog.push(`info ${m}`), warn: (m) => agentLog.push(`warn ${m}`), error: (m) => agentLog.push(`error ${m}`) };

function servers(): { dev: DevServer; local: LocalApi } {
  if (dev === undefined || local === undefined) throw new Error("the servers did not start");
  return { dev, local };
}

beforeAll(async () => {
  dev = await startDevServer();
  local = await startLocalApi({ server: dev.baseUrl, apiKey: dev.apiKey, host: "127.0.0.1", port: 0, log });
});

afterAll(async () => {
  await local?.close();
  await dev?.stop();
});

/** Each call answered what the contract says, and the HTTP status is its code's first three digits. */
function expectContract(exchanges: Exchange[]) {
  const codes = exchanges.map((e) => [e.step, e.status, (e.body as { code?: number }).code ?? "bytes"]);
  const expected = exchanges.map((e) => [e.step, e.body !== null && typeof e.body === "object" && "bytes" in e.body ? (e.headers["content-range"] === null ? 200 : 206) : httpStatusOf(e.expectedCode as ApiCode), "bytes" in (e.body as object) ? "bytes" : e.expectedCode]);
  expect(codes).toEqual(expected);
  for (const e of exchanges) expect(e.rateLimited, `${e.step}: X-RateLimit-* came back`).toBe(true);
}

describe("the task API through TikMatrix's port", () => {
  test("every call answers as the Worker does, with no key from the client", async () => {
    const { dev, local } = servers();
    const direct = await runTaskApiConformance({ baseUrl: dev.baseUrl, headers: { authorization: `Bearer ${dev.apiKey}` } }, "direct");
    expectContract(direct);
    const forwarded = await runTaskApiConformance({ baseUrl: local.url, headers: {} }, "local");
    expectContract(forwarded);
    expect(forwarded).toEqual(direct);

    // Spot checks on what the comparison hides if both went wrong alike.
    const step = (name: string) => forwarded.find((e) => e.step === name)?.body as { data: Record<string, unknown> };
    expect(step("create: the spec's example").data).toEqual({ task_ids: ["<task 1>"], created_count: 1 });
    expect(step("create: the same Idempotency-Key again").data).toEqual({ task_ids: ["<task 1>"], created_count: 1 });
    expect(step("stats after the deletes").data).toEqual({ total: 0, pending: 0, running: 0, completed: 0, failed: 0 });
    expect(forwarded.find((e) => e.step === "material: a range")).toMatchObject({
      status: 206,
      headers: { "content-type": "video/mp4", "accept-ranges": "bytes", "content-range": expect.stringMatching(/^bytes 1048576-2097151\/\d+$/) },
      body: { bytes: 1024 * 1024, content_length: String(1024 * 1024), same: true },
    });
    expect(forwarded.find((e) => e.step === "material: whole")?.body).toMatchObject({ same: true });
    expect(forwarded.find((e) => e.step === "a wrong method on a known path")?.headers.allow).toMatch(/GET/);
  });

  test("a key the client sends is not forwarded: the agent's key is the one used", async () => {
    const { dev, local } = servers();
    await dev.admin("create-workspace", "other-studio");
    const otherKey = await dev.admin("create-key", "other-studio");
    const created = (await (await fetch(`${local.url}/api/v1/task`, { method: "POST", headers: { authorization: `Bearer ${otherKey}`, "x-api-key": otherKey, "content-type": "application/json" }, body: JSON.stringify(SPEC_CREATE_EXAMPLE) })).json()) as {
      code: number;
      data: { task_ids: number[] };
    };
    expect(created.code).toBe(0);
    const [id] = created.data.task_ids;
    // The task is the agent's workspace's, not the other's.
    expect(await dev.api("GET", `/task/${id}`)).toMatchObject({ id, serial: "device_serial_1" });
    const asOther = await fetch(`${dev.baseUrl}/api/v1/task/${id}`, { headers: { authorization: `Bearer ${otherKey}` } });
    expect(asOther.status).toBe(404);
    // A bogus key from the client changes nothing either.
    const bogus = await fetch(`${local.url}/api/v1/task/${id}`, { headers: { authorization: "Bearer tmk_nonsense" } });
    expect(bogus.status).toBe(200);
    await dev.api("DELETE", `/task/${id}`);
  });

  test("a path outside /api is the envelope's 404 from the port, not the Worker's dashboard", async () => {
    const { dev, local } = servers();
    const page = await fetch(`${dev.baseUrl}/login`);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    await page.body?.cancel();
    const response = await fetch(`${local.url}/login`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ code: 40401, message: "no route for GET /login: TikMatrix's local API serves /api/v1 only", data: null });
  });
});
