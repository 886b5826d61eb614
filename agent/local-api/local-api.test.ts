import { createServer as createHttpServer, type IncomingHttpHeaders, request, type Server, type ServerResponse } from "node:http";
import { connect, createServer as createTcpServer, type AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { Logger } from "../logger";
import { type LocalApi, LocalApiError, startLocalApi } from "./local-api";
import { isLoopbackHost } from "./local-only";

/**
 * The forwarder against a stand-in Worker on 127.0.0.1 that records what reached it: what
 * is passed on and what is not, streaming both ways, and the port's own answers. The real
 * Worker's answers through the port are conformance.test.ts's.
 */
const AGENT_KEY = "tmk_agentkeyagentk_" + "a".repeat(43);
const logged: string[] = [];
const log: Logger = { info: (m) => logged.push(`info ${m}`), warn: (m) => logged.push(`warn ${m}`), error: (m) => logged.push(`error ${m}`) };

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** What the stand-in does with a request; by default it answers what it got. */
type Behaviour = (seen: Seen, res: ServerResponse, chunks: AsyncIterable<Buffer>) => Promise<void> | void;

let upstream: Server;
let upstreamUrl = "";
let behaviour: Behaviour | undefined;
let seen: Seen[] = [];
let api: LocalApi;

beforeAll(async () => {
  upstream = createHttpServer(async (req, res) => {
    const record: Seen = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.alloc(0) };
    seen.push(record);
    if (behaviour !== undefined) return behaviour(record, res, req);
    for await (const chunk of req) record.body = Buffer.concat([record.body, chunk as Buffer]);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ code: 0, message: "success", data: { echoed: record.body.length } }));
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  api = await startLocalApi({ server: upstreamUrl, apiKey: AGENT_KEY, port: 0, log });
});

afterAll(async () => {
  await api.close();
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});

afterEach(() => {
  behaviour = undefined;
  seen = [];
});

/**
 * One request on a fresh socket, written as given, so targets fetch would tidy up (and a Host
 * fetch will not let a caller set) reach the port as sent. Written, not ended: a client that
 * half-closes is taken by Node's server as gone; `Connection: close` ends the exchange.
 */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(text));
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString("latin1")));
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
  });
}

async function envelopeOf(response: Response): Promise<{ code: number; message: string; data: unknown }> {
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return (await response.json()) as { code: number; message: string; data: unknown };
}

describe("what reaches the Worker", () => {
  test("method, path, query and body as sent; the agent's key, never the client's credentials", async () => {
    const body = JSON.stringify({ task_ids: [1, 2, 3] });
    const response = await fetch(`${api.url}/api/v1/task/batch?x=1&y=%E4%BD%A0`, {
      method: "DELETE",
      headers: {
        "content-type": "application/json",
        authorization: "Bearer tmk_someoneelses_key",
        "x-api-key": "tmk_someoneelses_key",
        cookie: "__Host-tm_session=tms_secret",
        "idempotency-key": "k-1",
        accept: "application/json",
        range: "bytes=0-9",
        "x-tags": "summer",
        "x-forwarded-for": "10.0.0.9",
      },
      body,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ code: 0, message: "success", data: { echoed: body.length } });
    const [call] = seen;
    expect(call).toMatchObject({ method: "DELETE", url: "/api/v1/task/batch?x=1&y=%E4%BD%A0" });
    expect(call?.body.toString()).toBe(body);
    expect(call?.headers).toMatchObject({
      authorization: `Bearer ${AGENT_KEY}`,
      host: new URL(upstreamUrl).host,
      "content-type": "application/json",
      "content-length": String(body.length),
      "idempotency-key": "k-1",
      accept: "application/json",
      range: "bytes=0-9",
      "x-tags": "summer",
    });
    for (const name of ["x-api-key", "cookie", "x-forwarded-for", "origin"]) expect(call?.headers[name], name).toBeUndefined();
  });

  test("no Authorization is needed from the client", async () => {
    const response = await fetch(`${api.url}/api/v1/task/stats`);
    expect(response.status).toBe(200);
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${AGENT_KEY}`);
  });

  test("a POST without a body reaches the Worker without one; a chunked body stays chunked", async () => {
    await raw(api.port, "POST /api/v1/task/7/stop HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    expect(seen[0]?.headers["transfer-encoding"]).toBeUndefined();
    expect(seen[0]?.body.length).toBe(0);
    await raw(api.port, 'DELETE /api/v1/task/batch HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n8\r\n{"task_i\r\na\r\nds":[1,2]}\r\n0\r\n\r\n');
    expect(seen[1]?.headers["transfer-encoding"]).toBe("chunked");
    expect(seen[1]?.body.toString()).toBe('{"task_ids":[1,2]}');
  });

  test("the path is the one the URL parser settles on: /api/.. and absolute targets cannot leave /api or go elsewhere", async () => {
    expect(await raw(api.port, "GET /api/../web/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")).toMatch(/^HTTP\/1\.1 404/);
    expect(await raw(api.port, "GET /api/%2e%2e/web HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")).toMatch(/^HTTP\/1\.1 404/);
    await raw(api.port, "GET http://elsewhere.example/api/v1/task HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    await raw(api.port, "GET /API/V1/task/./stats HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    expect(seen.map((call) => call.url)).toEqual(["/api/v1/task", "/API/V1/task/stats"]);
  });

  test("a Worker under a base path gets the call under it", async () => {
    const prefixed = await startLocalApi({ server: `${upstreamUrl}/edge`, apiKey: AGENT_KEY, port: 0, log });
    try {
      await fetch(`${prefixed.url}/api/v1/task?page=2`);
      expect(seen[0]?.url).toBe("/edge/api/v1/task?page=2");
    } finally {
      await prefixed.close();
    }
  });
});

describe("what comes back", () => {
  test("status and headers as the Worker sent them (a cookie and hop-by-hop headers left out)", async () => {
    behaviour = (_seen, res) => {
      res.writeHead(206, {
        "content-type": "video/mp4",
        "content-length": "10",
        "content-range": "bytes 0-9/100",
        "accept-ranges": "bytes",
        etag: '"abc"',
        "x-ratelimit-limit": "120",
        "retry-after": "3",
        "set-cookie": "a=b",
        "alt-svc": 'h3=":443"',
      });
      res.end("0123456789");
    };
    const response = await fetch(`${api.url}/api/v1/materials/1/content`, { headers: { range: "bytes=0-9" } });
    expect(response.status).toBe(206);
    expect(Object.fromEntries(["content-type", "content-length", "content-range", "accept-ranges", "etag", "x-ratelimit-limit", "retry-after"].map((n) => [n, response.headers.get(n)]))).toEqual({
      "content-type": "video/mp4",
      "content-length": "10",
      "content-range": "bytes 0-9/100",
      "accept-ranges": "bytes",
      etag: '"abc"',
      "x-ratelimit-limit": "120",
      "retry-after": "3",
    });
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(response.headers.get("alt-svc")).toBeNull();
    expect(await response.text()).toBe("0123456789");
  });

  test("a compressed answer passes as the bytes it is, under its Content-Encoding", async () => {
    const json = JSON.stringify({ code: 0, message: "success", data: { tasks: Array.from({ length: 50 }, (_, id) => ({ id })) } });
    const zipped = gzipSync(json);
    behaviour = (_seen, res) => void res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": zipped.length }).end(zipped);
    const response = await fetch(`${api.url}/api/v1/task`, { headers: { "accept-encoding": "gzip" } });
    expect(seen[0]?.headers["accept-encoding"]).toBe("gzip");
    expect(await response.text()).toBe(json); // fetch undoes the gzip: the bytes were whole
  });

  test("an answer that breaks off reaches the client broken, not short", async () => {
    behaviour = (_seen, res) => {
      res.writeHead(200, { "content-type": "video/mp4", "content-length": "1000" });
      res.write(Buffer.alloc(100));
      setTimeout(() => res.destroy(), 50);
    };
    const response = await fetch(`${api.url}/api/v1/materials/1/content`);
    await expect(response.arrayBuffer()).rejects.toThrow();
  });
});

describe("streaming", () => {
  test("an upload reaches the Worker while the client is still sending it", async () => {
    const size = 4 * 1024 * 1024;
    let received = 0;
    let firstBytes: () => void = () => {};
    const gotFirstBytes = new Promise<void>((resolve) => (firstBytes = resolve));
    behaviour = async (_seen, res, chunks) => {
      for await (const chunk of chunks) {
        received += chunk.length;
        firstBytes();
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ code: 0, message: "success", data: { received } }));
    };
    const answer = new Promise<string>((resolve, reject) => {
      const req = request(`${api.url}/api/v1/materials`, { method: "POST", headers: { "content-type": "video/mp4", "content-length": size } }, async (res) => {
        let text = "";
        for await (const chunk of res) text += String(chunk);
        resolve(text);
      });
      req.on("error", reject);
      // Half the file, then nothing until the Worker has seen bytes: a forwarder that waited
      // for the whole body would never pass them on, and this test would time out.
      req.write(Buffer.alloc(size / 2, 1));
      void gotFirstBytes.then(() => req.end(Buffer.alloc(size / 2, 2)));
    });
    await gotFirstBytes;
    expect(received).toBeLessThanOrEqual(size / 2);
    expect(JSON.parse(await answer)).toEqual({ code: 0, message: "success", data: { received: size } });
  });

  test("a script killed mid-upload: the call to the Worker is cut too", async () => {
    let cut: () => void = () => {};
    const wasCut = new Promise<void>((resolve) => (cut = resolve));
    behaviour = async (_seen, _res, chunks) => {
      try {
        for await (const _chunk of chunks) client.destroy();
      } catch {
        // the forwarder dropped the connection: what a Worker sees when the script dies
      }
      cut();
    };
    const client = request(`${api.url}/api/v1/materials`, { method: "POST", headers: { "content-type": "video/mp4", "content-length": 10_000_000 } });
    client.on("error", () => {});
    client.write(Buffer.alloc(256 * 1024));
    await wasCut;
  });

  test("an answer the Worker gives before reading the body (a refused upload) reaches the client", async () => {
    behaviour = (_seen, res) => {
      res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ code: 40001, message: "Content-Type must be one of video/mp4", data: null }));
    };
    const response = await fetch(`${api.url}/api/v1/materials`, { method: "POST", headers: { "content-type": "text/plain" }, body: Buffer.alloc(4 * 1024 * 1024) });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 40001 });
    // The port still answers afterwards.
    behaviour = undefined;
    expect((await fetch(`${api.url}/api/v1/task`)).status).toBe(200);
  });

  test("a download reaches the client while the Worker is still sending it", async () => {
    let finish: () => void = () => {};
    const finished = new Promise<void>((resolve) => (finish = resolve));
    behaviour = async (_seen, res) => {
      res.writeHead(200, { "content-type": "video/mp4", "content-length": "2048" });
      res.write(Buffer.alloc(1024, 7));
      await finished;
      res.end(Buffer.alloc(1024, 8));
    };
    const response = await fetch(`${api.url}/api/v1/materials/1/content`);
    const reader = response.body?.getReader();
    const first = await reader?.read();
    expect(first?.value?.length).toBeGreaterThan(0);
    expect(first?.value?.[0]).toBe(7);
    finish();
    let total = first?.value?.length ?? 0;
    for (let part = await reader?.read(); part !== undefined && !part.done; part = await reader?.read()) total += part.value.length;
    expect(total).toBe(2048);
  });
});

describe("the port's own answers", () => {
  test("a path outside /api is the envelope's 404", async () => {
    for (const path of ["/", "/tasks", "/apix/v1/task", "/favicon.ico"]) {
      const response = await fetch(`${api.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await envelopeOf(response)).toEqual({ code: 40401, message: `no route for GET ${path}: TikMatrix's local API serves /api/v1 only`, data: null });
    }
    expect(seen).toEqual([]);
  });

  test("a web page is refused (Origin, Sec-Fetch-Site, a Host that is not this PC's), and nothing reaches the Worker", async () => {
    const cases: Record<string, string>[] = [{ origin: "https://evil.example" }, { origin: "null" }, { "sec-fetch-site": "cross-site" }];
    for (const headers of cases) {
      const response = await fetch(`${api.url}/api/v1/task`, { method: "POST", headers, body: "{}" });
      expect(response.status, JSON.stringify(headers)).toBe(401);
      const envelope = await envelopeOf(response);
      expect(envelope.code).toBe(40101);
      expect(envelope.message).toMatch(/web page/);
    }
    // DNS rebinding: the page's own name in Host (fetch will not send a Host of the caller's).
    const rebound = await raw(api.port, "POST /api/v1/task HTTP/1.1\r\nHost: rebound.evil.example:50809\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
    expect(rebound).toMatch(/^HTTP\/1\.1 401 /);
    expect(rebound).toContain('"code":40101');
    expect(rebound).toContain("a web page can point a name of its own at this PC");
    expect(seen).toEqual([]);
    for (const host of ["localhost:50809", "127.0.0.1", "[::1]:50809", "LOCALHOST", "127.0.0.1:1"]) {
      expect(await raw(api.port, `GET /api/v1/task HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`), host).toMatch(/^HTTP\/1\.1 200 /);
    }
    // HTTP/1.0 without a Host is a script, not a browser.
    expect(await raw(api.port, "GET /api/v1/task HTTP/1.0\r\n\r\n")).toMatch(/^HTTP\/1\.1 200 /);
    expect(seen).toHaveLength(6);
  });

  test("a Worker that cannot be reached: 502 in the envelope, saying which and why", async () => {
    const closed = createTcpServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const orphan = await startLocalApi({ server: `http://127.0.0.1:${deadPort}`, apiKey: AGENT_KEY, port: 0, log });
    try {
      for (const init of [{}, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ serials: ["a"] }) }]) {
        const response = await fetch(`${orphan.url}/api/v1/task`, init);
        expect(response.status).toBe(502);
        const envelope = await envelopeOf(response);
        expect(envelope).toMatchObject({ code: 50001, data: null });
        expect(envelope.message).toMatch(new RegExp(`^the Worker at http://127\\.0\\.0\\.1:${deadPort} could not be reached: .*ECONNREFUSED`));
      }
      expect(logged.some((line) => line.startsWith("warn") && line.includes("could not be reached"))).toBe(true);
    } finally {
      await orphan.close();
    }
  });
});

describe("starting", () => {
  test("the port in use: a clear error", async () => {
    const taken = createTcpServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const start = startLocalApi({ server: upstreamUrl, apiKey: AGENT_KEY, port, log });
      await expect(start).rejects.toThrow(LocalApiError);
      await expect(start).rejects.toThrow(`127.0.0.1:${port} is in use: is TikMatrix itself running? Close it or pass --local-api-port`);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  test("a host that is not loopback is refused before anything listens", async () => {
    for (const host of ["0.0.0.0", "::", "192.168.1.20", "10.0.0.1", "studio-pc", "example.com"]) {
      await expect(startLocalApi({ server: upstreamUrl, apiKey: AGENT_KEY, host, port: 0, log }), host).rejects.toThrow(
        /^the local API listens on this PC only \(127\.0\.0\.1, ::1 or localhost\), not on .*: anyone who could reach it would act with the workspace's API key$/,
      );
    }
  });

  test("which hosts are loopback", () => {
    for (const host of ["127.0.0.1", "127.3.4.5", "::1", "[::1]", "localhost", "LocalHost"]) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ["0.0.0.0", "::", "::ffff:192.168.0.1", "128.0.0.1", "192.168.1.1", "localhost.example", ""]) expect(isLoopbackHost(host), host).toBe(false);
  });

  test("close() stops listening", async () => {
    const extra = await startLocalApi({ server: upstreamUrl, apiKey: AGENT_KEY, port: 0, log });
    expect(extra.url).toBe(`http://127.0.0.1:${extra.port}`);
    await extra.close();
    await expect(fetch(`${extra.url}/api/v1/task`)).rejects.toThrow();
  });
});
