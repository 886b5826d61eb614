import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import { Socket } from "node:net";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { type DownloadOptions, downloadToCache } from "./download";
import { materialError } from "../../testing/material-error";

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
    case "/to-metadata.mp4":
      // The cloud metadata service: where a server-side request forgery goes for credentials.
      res.writeHead(302, { location: "https://169.254.169.254/latest/meta-data/" }).end();
      return;
    case "/to-lan.mp4":
      res.writeHead(307, { location: "https://10.0.0.1/video.mp4" }).end();
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
    "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
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

/** The test server is on 127.0.0.1, which only an allowed network lets the agent reach. */
const LOCAL_SERVER = ["127.0.0.1/32"];

const download = (path: string, options: DownloadOptions & { signal?: AbortSignal } = {}) =>
  downloadToCache(`${base}${path}`, cacheDir, { ca, allowedNetworks: LOCAL_SERVER, signal: new AbortController().signal, ...options });

/** Where sockets were asked to connect while `work` ran (TLS sockets connect through net.Socket too). */
async function connectionsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const spy = vi.spyOn(Socket.prototype, "connect"); // calls through: the connections still happen
  try {
    await work();
    return spy.mock.calls.map(([target]: unknown[]) => (typeof target === "object" && target !== null && "host" in target ? String(target.host) : String(target)));
  } finally {
    spy.mockRestore();
  }
}

async function filesInCache(): Promise<string[]> {
  return await readdir(cacheDir).catch(() => []);
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
    const error = await materialError(downloadToCache(`${base}/video.mp4`, cacheDir, { allowedNetworks: LOCAL_SERVER, signal: new AbortController().signal }));
    expect(error.message).toMatch(/^cannot download https:\/\/127\.0\.0\.1:\d+\/video\.mp4: .*self[- ]signed/);
    expect(await filesInCache()).toEqual([]);
  });
});

describe("downloadToCache and the studio's network", () => {
  const refusal = /; the agent downloads only from public addresses \(add the network to download_private_networks to allow it\)$/;
  const withoutAllowed = (url: string) => downloadToCache(url, cacheDir, { ca, signal: new AbortController().signal });

  test("a URL to 127.0.0.1 is refused without a connection, naming the address, its kind and the setting", async () => {
    const hosts = await connectionsDuring(async () => {
      const error = await materialError(withoutAllowed(`${base}/video.mp4`));
      expect(error.message).toBe(`cannot download ${base}/video.mp4: 127.0.0.1 is a loopback address; the agent downloads only from public addresses (add the network to download_private_networks to allow it)`);
    });
    expect(hosts).toEqual([]);
    expect(hits).toEqual([]);
  });

  test("a host name is checked on what it resolves to: localhost is refused", async () => {
    const port = new URL(base).port;
    const error = await materialError(withoutAllowed(`https://localhost:${port}/video.mp4`));
    expect(error.message).toMatch(new RegExp(`^cannot download https://localhost:${port}/video\\.mp4: localhost resolves to (127\\.0\\.0\\.1|::1), a loopback address`));
    expect(error.message).toMatch(refusal);
    expect(hits).toEqual([]);
  });

  test("a host name whose addresses are all allowed is downloaded from the address that was checked", async () => {
    const port = new URL(base).port;
    const hosts = await connectionsDuring(async () => {
      const path = await downloadToCache(`https://localhost:${port}/video.mp4`, cacheDir, { ca, allowedNetworks: ["127.0.0.0/8", "::1/128"], signal: new AbortController().signal });
      expect((await readFile(path)).equals(VIDEO)).toBe(true);
    });
    // One socket, for the name: Node takes its address from the guarded lookup instead of its own.
    expect(hosts).toEqual(["localhost"]);
    expect(hits).toEqual(["/video.mp4"]);
  });

  test("IP literals in every spelling are refused: IPv6 loopback, a decimal IPv4, an IPv4-mapped IPv6", async () => {
    const port = new URL(base).port;
    const cases: Array<[string, string]> = [
      [`https://[::1]:${port}/video.mp4`, "::1 is a loopback address"],
      [`https://2130706433:${port}/video.mp4`, "127.0.0.1 is a loopback address"],
      [`https://[::ffff:127.0.0.1]:${port}/video.mp4`, "::ffff:7f00:1 is a loopback address (IPv4-mapped)"],
      ["https://[fd00::5]/video.mp4", "fd00::5 is a unique-local address"],
      ["https://192.168.1.10/video.mp4", "192.168.1.10 is a private address"],
    ];
    const hosts = await connectionsDuring(async () => {
      for (const [url, why] of cases) expect((await materialError(withoutAllowed(url))).message).toContain(`: ${why}; the agent downloads only from public addresses`);
    });
    expect(hosts).toEqual([]);
  });

  test("a redirect from the allowed server to the metadata service is refused as a redirect target, and nothing connects there", async () => {
    const hosts = await connectionsDuring(async () => {
      const error = await materialError(download("/to-metadata.mp4"));
      expect(error.message).toBe(
        `cannot download ${base}/to-metadata.mp4: it redirects to https://169.254.169.254/latest/meta-data/, and 169.254.169.254 is a link-local address; the agent downloads only from public addresses (add the network to download_private_networks to allow it)`,
      );
    });
    expect(hosts).toEqual(["127.0.0.1"]);
    expect(hits).toEqual(["/to-metadata.mp4"]);
    expect(await filesInCache()).toEqual([]);
  });

  test("a redirect into a private network is refused", async () => {
    const hosts = await connectionsDuring(async () => {
      const error = await materialError(download("/to-lan.mp4"));
      expect(error.message).toContain(`it redirects to https://10.0.0.1/video.mp4, and 10.0.0.1 is a private address`);
      expect(error.message).toMatch(refusal);
    });
    expect(hosts).toEqual(["127.0.0.1"]);
  });
});
