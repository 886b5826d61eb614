import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { type DownloadOptions, downloadToCache, MaterialError } from "./download";

const VIDEO = randomBytes(300_000);
const PHOTO = randomBytes(20_000);

let certDir = "";
let ca: Buffer = Buffer.alloc(0);
let server: Server | undefined;
let base = "";
/** Requests the server saw, by path with query. */
const hits: string[] = [];
/** Lets the `/gate.mp4` response finish; replaced for each test. */
let openGate: () => void = () => undefined;
let gate = Promise.resolve();

function route(req: IncomingMessage, res: ServerResponse): void {
  const path = req.url ?? "/";
  hits.push(path);
  const hop = /^\/hop\/(\d+)\/video\.mp4$/.exec(path);
  if (hop !== null) {
    const left = Number(hop[1]);
    if (left > 0) res.writeHead(302, { location: `/hop/${left - 1}/video.mp4` }).end();
    else res.writeHead(200, { "content-length": VIDEO.length }).end(VIDEO);
    return;
  }
  switch (path.split("?")[0]) {
    case "/video.mp4":
      res.writeHead(200, { "content-type": "video/mp4", "content-length": VIDEO.length }).end(VIDEO);
      return;
    case "/clip":
      res.writeHead(200, { "content-type": "video/mp4; codecs=avc1" }).end(VIDEO);
      return;
    case "/photo":
      res.writeHead(200, { "content-type": "image/jpeg" }).end(PHOTO);
      return;
    case "/to-http.mp4":
      res.writeHead(301, { location: base.replace("https:", "http:") + "/video.mp4" }).end();
      return;
    case "/big.mp4":
      res.writeHead(200, { "content-length": 2000 }).end(Buffer.alloc(2000));
      return;
    case "/big-chunked.mp4":
      // No Content-Length: only counting the bytes can catch it.
      res.writeHead(200);
      res.write(Buffer.alloc(600));
      res.end(Buffer.alloc(600));
      return;
    case "/empty.mp4":
      res.writeHead(200, { "content-length": 0 }).end();
      return;
    case "/stall.mp4":
      res.writeHead(200, { "content-length": VIDEO.length });
      res.write(VIDEO.subarray(0, 1000));
      return;
    case "/gate.mp4":
      res.writeHead(200, { "content-length": VIDEO.length });
      res.write(VIDEO.subarray(0, 1000));
      void gate.then(() => res.end(VIDEO.subarray(1000)));
      return;
    default:
      res.writeHead(404, "Not Found").end();
  }
}

beforeAll(async () => {
  certDir = await mkdtemp(join(tmpdir(), "tikmatrix-download-cert-"));
  const [keyPath, certPath] = [join(certDir, "key.pem"), join(certDir, "cert.pem")];
  await promisify(execFile)("/usr/bin/openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", keyPath, "-out", certPath,
    "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1",
  ]);
  ca = await readFile(certPath);
  const listening = createServer({ key: await readFile(keyPath), cert: ca }, route);
  server = listening;
  await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
  const address = listening.address();
  if (address === null || typeof address === "string") throw new Error("the test server has no port");
  base = `https://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  const listening = server;
  if (listening !== undefined) {
    listening.closeAllConnections();
    await new Promise<void>((resolve) => listening.close(() => resolve()));
  }
  await rm(certDir, { recursive: true, force: true });
});

let cacheDir = "";
beforeEach(async () => {
  cacheDir = join(await mkdtemp(join(tmpdir(), "tikmatrix-download-")), "cache");
  hits.length = 0;
  gate = new Promise((resolve) => {
    openGate = resolve;
  });
});
afterEach(async () => {
  openGate();
  await rm(join(cacheDir, ".."), { recursive: true, force: true });
});

const download = (path: string, options: DownloadOptions & { signal?: AbortSignal } = {}) =>
  downloadToCache(`${base}${path}`, cacheDir, { ca, signal: new AbortController().signal, ...options });

async function filesInCache(): Promise<string[]> {
  return await readdir(cacheDir).catch(() => []);
}

async function materialError(promise: Promise<unknown>): Promise<MaterialError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(MaterialError);
  if (!(error instanceof MaterialError)) throw new Error("unreachable");
  return error;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("downloadToCache", () => {
  test("saves the exact bytes as sha256(url) plus the path's extension, with no part file left", async () => {
    const path = await download("/video.mp4");
    expect(basename(path)).toBe(`${sha256(`${base}/video.mp4`)}.mp4`);
    expect((await readFile(path)).equals(VIDEO)).toBe(true);
    expect(await filesInCache()).toEqual([basename(path)]);
  });

  test("reuses a cached file without asking the server again", async () => {
    const first = await download("/video.mp4");
    const again = await download("/video.mp4");
    expect(again).toBe(first);
    expect(hits).toEqual(["/video.mp4"]);
  });

  test("takes the extension from Content-Type when the path has none, and reuses that file too", async () => {
    expect(await download("/clip")).toMatch(/[0-9a-f]{64}\.mp4$/);
    const photo = await download("/photo?sig=abc");
    expect(photo).toMatch(/[0-9a-f]{64}\.jpg$/);
    expect((await readFile(photo)).equals(PHOTO)).toBe(true);
    await download("/photo?sig=abc");
    expect(hits).toEqual(["/clip", "/photo?sig=abc"]);
  });

  test("follows up to five https redirects", async () => {
    const path = await download("/hop/5/video.mp4");
    expect((await readFile(path)).equals(VIDEO)).toBe(true);
    expect(hits).toHaveLength(6);
  });

  test("gives up after the fifth redirect", async () => {
    const error = await materialError(download("/hop/6/video.mp4"));
    expect(error.message).toContain("more than 5 redirects");
    expect(await filesInCache()).toEqual([]);
  });

  test("refuses a redirect to http", async () => {
    const error = await materialError(download("/to-http.mp4"));
    expect(error.message).toMatch(/redirects to http:\/\/127\.0\.0\.1:\d+\/video\.mp4, which is not https/);
    expect(hits).toEqual(["/to-http.mp4"]);
  });

  test("refuses an http URL without a request", async () => {
    const error = await materialError(downloadToCache(`${base.replace("https:", "http:")}/video.mp4`, cacheDir, { signal: new AbortController().signal }));
    expect(error.message).toContain("only https:// URLs");
    expect(hits).toEqual([]);
  });

  test("a 404 is an error naming the status and the URL, without its query", async () => {
    const error = await materialError(download("/missing.mp4?token=secret"));
    expect(error.message).toBe(`cannot download ${base}/missing.mp4?…: the server answered 404 Not Found`);
    expect(await filesInCache()).toEqual([]);
  });

  test("refuses a body whose Content-Length is over maxBytes", async () => {
    const error = await materialError(download("/big.mp4", { maxBytes: 1000 }));
    expect(error.message).toContain("2000 bytes, over the 1000-byte limit");
    expect(await filesInCache()).toEqual([]);
  });

  test("stops a body without Content-Length once it passes maxBytes, and leaves no part file", async () => {
    const error = await materialError(download("/big-chunked.mp4", { maxBytes: 1000 }));
    expect(error.message).toContain("larger than the 1000-byte limit");
    expect(await filesInCache()).toEqual([]);
  });

  test("refuses an empty body", async () => {
    const error = await materialError(download("/empty.mp4"));
    expect(error.message).toContain("empty file");
    expect(await filesInCache()).toEqual([]);
  });

  test("an abort mid-download rejects with the abort reason and leaves nothing in the cache", async () => {
    const controller = new AbortController();
    const pending = download("/stall.mp4", { signal: controller.signal });
    await vi.waitFor(async () => {
      const [part] = await filesInCache();
      expect(part).toMatch(/\.mp4\.part-[0-9a-f]+$/);
      expect((await stat(join(cacheDir, part ?? ""))).size).toBeGreaterThan(0);
    });
    const reason = new Error("stopped");
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(await filesInCache()).toEqual([]);
  });

  test("a server that goes silent fails after the idle timeout, leaving nothing", async () => {
    const error = await materialError(download("/stall.mp4", { timeoutMs: 300 }));
    expect(error.message).toMatch(/no data from 127\.0\.0\.1:\d+ for 0\.3 s/);
    expect(await filesInCache()).toEqual([]);
  });

  test("an already aborted signal rejects without a request", async () => {
    const controller = new AbortController();
    controller.abort(new Error("stopped"));
    await expect(download("/video.mp4", { signal: controller.signal })).rejects.toThrow("stopped");
    expect(hits).toEqual([]);
  });

  test("concurrent downloads of one URL share one request", async () => {
    const [a, b] = await Promise.all([download("/video.mp4"), download("/video.mp4")]);
    expect(a).toBe(b);
    expect(hits).toEqual(["/video.mp4"]);
    expect(await filesInCache()).toEqual([basename(a)]);
  });

  test("one of two callers aborting leaves the shared download running for the other", async () => {
    const quitter = new AbortController();
    const left = download("/gate.mp4", { signal: quitter.signal });
    const stays = download("/gate.mp4");
    await vi.waitFor(() => expect(hits).toEqual(["/gate.mp4"]));
    const reason = new Error("stopped");
    quitter.abort(reason);
    await expect(left).rejects.toBe(reason);
    openGate();
    expect((await readFile(await stays)).equals(VIDEO)).toBe(true);
    expect(hits).toEqual(["/gate.mp4"]);
  });

  test("checks the certificate: without the test CA the self-signed server is refused", async () => {
    const error = await materialError(downloadToCache(`${base}/video.mp4`, cacheDir, { signal: new AbortController().signal }));
    expect(error.message).toMatch(/^cannot download https:\/\/127\.0\.0\.1:\d+\/video\.mp4: .*self[- ]signed/);
    expect(await filesInCache()).toEqual([]);
  });
});
