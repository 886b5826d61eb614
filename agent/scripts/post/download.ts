import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { request } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { join, posix, resolve } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { syncDir } from "../../atomic-file";
import { guardedLookup } from "../../net/guarded-lookup";
import { AddressPolicy } from "../../../shared/net/public-address";
import { EXTENSIONS, extensionOfMime, mediaTypeOf } from "./media-types";

/**
 * A material that cannot be used: missing, wrong kind, or not downloadable. The post script
 * ends the run with fail_code 1004 and the message as the remark, so it says what to fix.
 * Defined here, in the lowest module that throws it, so materials.ts (which re-exports it)
 * and this file do not import each other.
 */
export class MaterialError extends Error {
  override readonly name = "MaterialError";
}

export interface DownloadOptions {
  /** Certificate authorities to trust instead of the system's (tests, private servers). */
  ca?: string | Buffer;
  /** Default 2 GiB: far beyond any video the apps accept, but a bound on a runaway server. */
  maxBytes?: number;
  /** How long the connection may stay silent, default 30 s. An idle limit, not a total one, so big files on slow links still finish. */
  timeoutMs?: number;
  /**
   * Networks (CIDRs) a download may reach although they are not public: a studio's NAS
   * (agent config download_private_networks). Default none: only public addresses.
   */
  allowedNetworks?: readonly string[];
}

const MAX_REDIRECTS = 5;
const DEFAULT_MAX_BYTES = 2 * 1024 ** 3;
const DEFAULT_TIMEOUT_MS = 30_000;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

interface Flight {
  readonly promise: Promise<string>;
  readonly controller: AbortController;
  waiters: number;
}

/** Downloads in progress, by cache file stem: a URL named twice in one task is fetched once. */
const inFlight = new Map<string, Flight>();

/**
 * The local copy of `url` in `cacheDir`, downloaded unless already there. The cache file is
 * named sha256(url) plus the extension from the URL path (else from Content-Type), so the
 * same URL is never fetched twice. The body goes to `<name>.part-<random>`, fsynced and
 * renamed, so a cached name always holds a whole file; any failure or abort removes the part.
 */
export async function downloadToCache(url: string, cacheDir: string, options: DownloadOptions & { signal: AbortSignal }): Promise<string> {
  options.signal.throwIfAborted();
  const key = resolve(cacheDir, sha256(url));
  let flight = inFlight.get(key);
  if (flight === undefined) {
    const controller = new AbortController();
    const created: Flight = { promise: fetchIntoCache(url, cacheDir, options, controller.signal), controller, waiters: 0 };
    const forget = () => {
      if (inFlight.get(key) === created) inFlight.delete(key);
    };
    void created.promise.then(forget, forget);
    inFlight.set(key, created);
    flight = created;
  }
  return await waitFor(flight, key, options.signal);
}

/** Shows a URL without its query, which may hold a signature that does not belong in a remark. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}${parsed.search === "" ? "" : "?…"}`;
  } catch {
    return url.slice(0, 200);
  }
}

/**
 * One caller's wait on a shared download. A caller that aborts leaves at once while others
 * still wait; the last one to abort stops the download and returns only after its part file
 * is gone, so "aborted" means nothing is left behind.
 */
function waitFor(flight: Flight, key: string, signal: AbortSignal): Promise<string> {
  return new Promise((resolvePath, reject) => {
    flight.waiters += 1;
    const onAbort = () => {
      flight.waiters -= 1;
      if (flight.waiters > 0) {
        reject(signal.reason);
        return;
      }
      // A caller arriving from now on starts afresh instead of joining a dying download.
      if (inFlight.get(key) === flight) inFlight.delete(key);
      flight.controller.abort(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    const settle = (done: () => void) => {
      signal.removeEventListener("abort", onAbort);
      if (signal.aborted) reject(signal.reason);
      else done();
    };
    flight.promise.then(
      (path) => settle(() => resolvePath(path)),
      (error: unknown) => settle(() => reject(error)),
    );
  });
}

async function fetchIntoCache(url: string, cacheDir: string, options: DownloadOptions, signal: AbortSignal): Promise<string> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const stem = join(cacheDir, sha256(url));
  let part: string | undefined;
  try {
    const parsed = httpsUrl(url);
    const pathExt = extensionOfPath(parsed.pathname);
    const cached = await findCached(stem, pathExt);
    if (cached !== undefined) return cached;
    await mkdir(cacheDir, { recursive: true });
    const response = await get(parsed, options, signal);
    const length = Number(response.headers["content-length"]);
    if (length > maxBytes) {
      response.destroy();
      throw new MaterialError(`${describeUrl(url)} is ${length} bytes, over the ${maxBytes}-byte limit`);
    }
    const target = stem + (pathExt ?? extensionOfType(response.headers["content-type"]) ?? "");
    part = `${target}.part-${randomBytes(6).toString("hex")}`;
    const counter = byteLimit(maxBytes, url);
    await pipeline(response, counter.stream, createWriteStream(part, { flags: "wx", mode: 0o600 }), { signal });
    if (counter.bytes() === 0) throw new MaterialError(`${describeUrl(url)}: the server sent an empty file`);
    await fsync(part);
    await rename(part, target);
    part = undefined;
    await syncDir(cacheDir);
    return target;
  } catch (error) {
    if (part !== undefined) await rm(part, { force: true });
    if (signal.aborted) throw signal.reason;
    if (error instanceof MaterialError) throw error;
    throw new MaterialError(`cannot download ${describeUrl(url)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function httpsUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new MaterialError(`"${url.slice(0, 200)}" is not a valid URL`);
  }
  if (parsed.protocol !== "https:") throw new MaterialError(`${describeUrl(url)}: only https:// URLs can be downloaded`);
  return parsed;
}

/** A whole cached file of this URL: with the path's extension, else any the Content-Type could have given. */
async function findCached(stem: string, pathExt: string | undefined): Promise<string | undefined> {
  const candidates = pathExt !== undefined ? [pathExt] : ["", ...EXTENSIONS.video, ...EXTENSIONS.image];
  for (const ext of candidates) {
    const info = await stat(stem + ext).catch(() => undefined);
    if (info?.isFile() === true && info.size > 0) return stem + ext;
  }
  return undefined;
}

/**
 * The final 2xx response, after at most MAX_REDIRECTS https-only redirects. Every hop is held
 * to public addresses (or the allowed networks): a redirect is as much the API caller's choice
 * as the URL itself, so a public server cannot bounce the agent into the studio's network.
 */
async function get(url: URL, options: DownloadOptions, signal: AbortSignal): Promise<IncomingMessage> {
  const original = url.href;
  const policy = new AddressPolicy(options.allowedNetworks);
  let current = url;
  for (let hops = 0; ; hops += 1) {
    const response = await requestOnce(current, options, signal, addressGuard(original, current, hops > 0, policy));
    const status = response.statusCode ?? 0;
    if (status >= 200 && status < 300) return response;
    response.resume(); // the body of a redirect or an error page is not wanted
    const location = response.headers.location;
    if (!REDIRECT_STATUSES.has(status) || location === undefined) {
      throw new MaterialError(`cannot download ${describeUrl(original)}: the server answered ${status} ${response.statusMessage ?? ""}`.trimEnd());
    }
    if (hops >= MAX_REDIRECTS) throw new MaterialError(`cannot download ${describeUrl(original)}: more than ${MAX_REDIRECTS} redirects`);
    const next = new URL(location, current);
    if (next.protocol !== "https:") {
      throw new MaterialError(`cannot download ${describeUrl(original)}: it redirects to ${describeUrl(next.href)}, which is not https`);
    }
    current = next;
  }
}

/**
 * The `lookup` that holds one hop to the policy. Node calls no lookup for an IP literal
 * (`https://127.0.0.1/`, `https://[::1]/`, `https://2130706433/`, which URL turns into
 * 127.0.0.1), so a literal is checked here, before any connection; a name is checked on
 * each of the addresses it resolves to, and the socket connects to those same addresses.
 */
function addressGuard(original: string, target: URL, redirected: boolean, policy: AddressPolicy): LookupFunction {
  const refuse = (address: string, literal: boolean): MaterialError | undefined => {
    const kind = policy.refusal(address);
    if (kind === undefined) return undefined;
    const host = hostOf(target);
    const where = literal ? `${address} is ${kind}` : `${host} resolves to ${address}, ${kind}`;
    const hop = redirected ? `it redirects to ${describeUrl(target.href)}, and ${where}` : where;
    return new MaterialError(
      `cannot download ${describeUrl(original)}: ${hop}; the agent downloads only from public addresses (add the network to download_private_networks to allow it)`,
    );
  };
  if (isIP(hostOf(target)) !== 0) {
    const refused = refuse(hostOf(target), true);
    if (refused !== undefined) throw refused;
  }
  return guardedLookup((address) => refuse(address, false));
}

/** The URL's host as an address or name: `[::1]` without its brackets. */
function hostOf(url: URL): string {
  return url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
}

function requestOnce(url: URL, options: DownloadOptions, signal: AbortSignal, lookup: LookupFunction): Promise<IncomingMessage> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolveResponse, reject) => {
    let response: IncomingMessage | undefined;
    // No keep-alive agent: one connection per request keeps the idle timer tied to this download.
    const req = request(url, { ca: options.ca, signal, agent: false, lookup, headers: { accept: "*/*", "user-agent": "tikmatrix-agent" } }, (res) => {
      response = res;
      resolveResponse(res);
    });
    // Socket inactivity, so it covers the wait for headers and every pause in the body.
    req.setTimeout(timeoutMs, () => {
      const error = new MaterialError(`cannot download ${describeUrl(url.href)}: no data from ${url.host} for ${timeoutMs / 1000} s`);
      if (response === undefined) req.destroy(error);
      else response.destroy(error);
    });
    req.on("error", reject);
    req.end();
  });
}

function byteLimit(maxBytes: number, url: string): { stream: Transform; bytes: () => number } {
  let seen = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      // Content-Length can be absent or lie; the bytes themselves are what count.
      if (seen > maxBytes) done(new MaterialError(`${describeUrl(url)} is larger than the ${maxBytes}-byte limit`));
      else done(null, chunk);
    },
  });
  return { stream, bytes: () => seen };
}

async function fsync(path: string): Promise<void> {
  // Without it a power cut after the rename could leave a cached name over an empty file.
  const handle = await open(path, "r+");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Only a media extension counts: `…/get.php` serving an mp4 is named by its Content-Type. */
function extensionOfPath(pathname: string): string | undefined {
  const ext = posix.extname(pathname).toLowerCase();
  return mediaTypeOf(ext) === undefined ? undefined : ext;
}

function extensionOfType(contentType: string | undefined): string | undefined {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  return type === undefined ? undefined : extensionOfMime(type);
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
