import type { Browser, CDPSession } from "playwright-core";
import { PHONE } from "../lib/chromium";
import { BenchFailure } from "./failure";
import { summarize } from "./stats";

/**
 * Section 10's measurement: one dashboard page's first render as a phone on a slow network
 * sees it. Each load is cold: a fresh browser context (no HTTP cache, no open connection),
 * at a phone's size, with the session cookie put in, and Chrome DevTools' "Slow 4G" applied
 * to the page through CDP (`Network.emulateNetworkConditions`) before the navigation. Per
 * load: first contentful paint (the `paint` timing entry), DOMContentLoaded and load
 * (navigation timing's event ends), all from the navigation's start; and every request of
 * the page from CDP's Network events: its time to the response's headers, what it
 * transferred (`loadingFinished.encodedDataLength`: headers and body as received) and its
 * body's size. Beside the loads, the server's own time to first byte, without emulation
 * (Node's fetch on loopback, keep-alive).
 *
 * The page's time to first byte comes from CDP, not from navigation timing: under DevTools'
 * emulation Chromium holds the response back after it arrived, and the navigation entry's
 * `responseStart` records the arrival (tens of ms here, against 572 ms by CDP), not the
 * moment the page got it.
 */

/**
 * Chrome DevTools' "Slow 4G" preset (called "Fast 3G" until May 2024), with DevTools' own
 * arithmetic: `Slow4GConditions` in front_end/core/sdk/NetworkManager.ts of
 * ChromeDevTools/devtools-frontend (read at commit 00d120bf0e61feb60bf7c31cf879454577904b77):
 *   download: 1.6 * 1000 * 1000 / 8 * .9   ("~1.6 Mbps down"): 180,000 bytes/s
 *   upload:   750 * 1000 / 8 * .9          ("~0.75 Mbps up"):   84,375 bytes/s
 *   latency:  slow4GTargetLatency * 3.75, slow4GTargetLatency = 150 ("150ms RTT"): 562.5 ms
 * (The same file's "3G", once "Slow 3G": 500 * 1000 / 8 * .8 each way, latency 400 * 5.)
 * CDP's `latency` is the "minimum latency from request sent to response headers received",
 * per request: a server that answers sooner is hidden in it.
 */
export const SLOW_4G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((750 * 1000) / 8) * 0.9,
} as const;

export const SESSION_COOKIE = "__Host-tm_session";

/** One page to load, and how to tell it rendered what it should (not the sign-in form). */
export interface PageSpec {
  path: string;
  /** CSS selector → how many the page must hold. */
  expect: Record<string, number>;
  /** CSS selector → the text its (first) element must have. */
  texts?: Record<string, string>;
}

/** One request of a load, as CDP reported it. */
export interface RequestRecord {
  url: string;
  /** CDP's resource type: Document, Stylesheet, Script, Image, Fetch, … */
  type: string;
  status: number | null;
  /** `response.timing.receiveHeadersEnd`: ms from the request's start to its headers, the emulated latency included. */
  headersMs: number | null;
  /** `loadingFinished.encodedDataLength`: everything received for it, headers included. */
  transferred: number;
  /** `responseReceived`'s `response.encodedDataLength`: the bytes received with the headers (the headers' own size). */
  headerBytes: number;
  /** The body as sent (before any content decoding): `transferred` less `headerBytes`. */
  encodedBody: number;
  /** The body after decoding (the sum of `dataReceived.dataLength`). */
  body: number;
  contentEncoding: string | null;
  /** `loadingFailed.errorText`, when it failed. */
  failed: string | null;
  done: boolean;
}

// The fields of CDP's Network events that the ledger reads (playwright-core does not export
// its Protocol types by name; CDPSession.on checks these against them).
interface RequestSent {
  requestId: string;
  request: { url: string };
  type?: string;
  redirectResponse?: { status: number };
}
interface ResponseReceived {
  requestId: string;
  type: string;
  response: { status: number; headers: Record<string, string>; encodedDataLength: number; timing?: { receiveHeadersEnd: number } };
}
interface DataReceived {
  requestId: string;
  dataLength: number;
}
interface LoadingFinished {
  requestId: string;
  encodedDataLength: number;
}
interface LoadingFailed {
  requestId: string;
  errorText: string;
}

/** The requests of one load, fed by CDP's Network events (kept apart so it can be read alone). */
export class RequestLedger {
  readonly #requests = new Map<string, RequestRecord>();

  attach(cdp: CDPSession): void {
    cdp.on("Network.requestWillBeSent", (e) => this.sent(e));
    cdp.on("Network.responseReceived", (e) => this.response(e));
    cdp.on("Network.dataReceived", (e) => this.data(e));
    cdp.on("Network.loadingFinished", (e) => this.finished(e));
    cdp.on("Network.loadingFailed", (e) => this.failed(e));
  }

  sent(e: RequestSent): void {
    const previous = this.#requests.get(e.requestId);
    if (previous !== undefined && e.redirectResponse !== undefined) {
      // A redirect reuses the id: keep the hop as a request of its own.
      this.#requests.set(`${e.requestId} hop ${this.#requests.size}`, { ...previous, status: e.redirectResponse.status, done: true });
      this.#requests.delete(e.requestId);
    }
    this.#requests.set(e.requestId, {
      url: e.request.url,
      type: e.type ?? "Other",
      status: null,
      headersMs: null,
      transferred: 0,
      headerBytes: 0,
      encodedBody: 0,
      body: 0,
      contentEncoding: null,
      failed: null,
      done: false,
    });
  }

  response(e: ResponseReceived): void {
    const r = this.#requests.get(e.requestId);
    if (r === undefined) return;
    r.status = e.response.status;
    r.headersMs = e.response.timing?.receiveHeadersEnd ?? null;
    r.headerBytes = e.response.encodedDataLength;
    r.type = e.type;
    const encoding = Object.entries(e.response.headers).find(([name]) => name.toLowerCase() === "content-encoding");
    r.contentEncoding = encoding?.[1] ?? null;
  }

  data(e: DataReceived): void {
    const r = this.#requests.get(e.requestId);
    if (r !== undefined) r.body += e.dataLength;
  }

  finished(e: LoadingFinished): void {
    const r = this.#requests.get(e.requestId);
    if (r === undefined) return;
    r.transferred = e.encodedDataLength;
    // Chromium 156 leaves loadingFinished's encodedBodyLength out; the headers' bytes, reported
    // with the response, are the difference (checked against headersText on a local server).
    r.encodedBody = Math.max(0, e.encodedDataLength - r.headerBytes);
    r.done = true;
  }

  failed(e: LoadingFailed): void {
    const r = this.#requests.get(e.requestId);
    if (r === undefined) return;
    r.failed = e.errorText;
    r.done = true;
  }

  get pending(): number {
    return [...this.#requests.values()].filter((r) => !r.done).length;
  }

  records(): RequestRecord[] {
    return [...this.#requests.values()];
  }
}

/** One cold load's figures: milliseconds from the navigation's start, and bytes. */
export interface LoadSample {
  fcpMs: number;
  domContentLoadedMs: number;
  loadMs: number;
  ttfbMs: number;
  requests: number;
  transferred: number;
  htmlTransferred: number;
  /** The HTML's body as sent (compressed, if it was). */
  htmlEncodedBody: number;
  htmlBody: number;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface PageFigure {
  path: string;
  loads: number;
  fcp: Spread;
  domContentLoaded: Spread;
  load: Spread;
  ttfb: Spread;
  /** Server time to first byte without emulation (loopback, keep-alive). */
  serverTtfb: Spread;
  requests: Spread;
  transferred: Spread;
  htmlTransferred: Spread;
  htmlEncodedBody: Spread;
  htmlBody: Spread;
  /** Every request of the last measured load. */
  lastRequests: RequestRecord[];
}

export interface RenderSettings {
  baseUrl: string;
  /** The session cookie's value: every context gets it, so no load signs in. */
  session: string;
  runs: number;
  warmups: number;
}

const LOAD_TIMEOUT_MS = 60_000;

/** `runs` cold loads of `spec.path` after `warmups` unmeasured ones, then as many server-only fetches. */
export async function measurePage(browser: Browser, spec: PageSpec, settings: RenderSettings, signal: AbortSignal): Promise<PageFigure> {
  const samples: LoadSample[] = [];
  let lastRequests: RequestRecord[] = [];
  for (let i = 0; i < settings.warmups + settings.runs; i++) {
    signal.throwIfAborted();
    const { sample, requests } = await coldLoad(browser, spec, settings);
    if (i >= settings.warmups) {
      samples.push(sample);
      lastRequests = requests;
    }
  }
  const server: number[] = [];
  for (let i = 0; i < settings.warmups + settings.runs; i++) {
    signal.throwIfAborted();
    const fetched = await serverFetch(spec.path, settings, signal);
    if (i >= settings.warmups) server.push(fetched.ttfbMs);
  }
  const spread = (pick: (s: LoadSample) => number) => spreadOf(samples.map(pick));
  return {
    path: spec.path,
    loads: samples.length,
    fcp: spread((s) => s.fcpMs),
    domContentLoaded: spread((s) => s.domContentLoadedMs),
    load: spread((s) => s.loadMs),
    ttfb: spread((s) => s.ttfbMs),
    serverTtfb: spreadOf(server),
    requests: spread((s) => s.requests),
    transferred: spread((s) => s.transferred),
    htmlTransferred: spread((s) => s.htmlTransferred),
    htmlEncodedBody: spread((s) => s.htmlEncodedBody),
    htmlBody: spread((s) => s.htmlBody),
    lastRequests,
  };
}

export function spreadOf(values: readonly number[]): Spread {
  return { median: summarize(values).median, min: Math.min(...values), max: Math.max(...values) };
}

/** A PerformanceNavigationTiming or PerformancePaintTiming entry, the fields read. */
interface BrowserEntry {
  entryType: string;
  name: string;
  startTime: number;
  domContentLoadedEventEnd?: number;
  loadEventEnd?: number;
}

interface PageTimings {
  fcp: number | null;
  domContentLoaded: number;
  load: number;
}

async function coldLoad(browser: Browser, spec: PageSpec, settings: RenderSettings): Promise<{ sample: LoadSample; requests: RequestRecord[] }> {
  const url = `${settings.baseUrl}${spec.path}`;
  const context = await browser.newContext({
    viewport: { width: PHONE.width, height: PHONE.height },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "en-US",
  });
  try {
    // Not `url`: playwright then sets secure from the URL's scheme (false for http://), and
    // Chromium refuses a __Host- cookie that is not Secure. Host-only either way (no Domain
    // attribute is sent for an IP address), Path=/, Secure, as the Worker sets it; Chromium
    // takes Secure cookies from http://127.0.0.1.
    const { hostname } = new URL(settings.baseUrl);
    await context.addCookies([{ name: SESSION_COOKIE, value: settings.session, domain: hostname, path: "/", secure: true, httpOnly: true, sameSite: "Lax" }]);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const ledger = new RequestLedger();
    ledger.attach(cdp);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
    const response = await page.goto(url, { waitUntil: "load", timeout: LOAD_TIMEOUT_MS });
    const landed = new URL(page.url()).pathname;
    if (response === null || response.status() !== 200 || landed !== spec.path) {
      throw new BenchFailure(`${spec.path} in Chromium answered HTTP ${response?.status() ?? "none"} at ${landed} (signed out, or an error page)`);
    }
    // The load event's handlers done, and the first contentful paint recorded. (The page's
    // own Performance, read through BrowserEntry: Node's types, which these files compile
    // with, know no "navigation" or "paint" entry.)
    await page.waitForFunction(
      () => {
        const entries = performance.getEntries() as unknown as BrowserEntry[];
        const nav = entries.find((e) => e.entryType === "navigation");
        const fcp = entries.find((e) => e.entryType === "paint" && e.name === "first-contentful-paint");
        return nav !== undefined && (nav.loadEventEnd ?? 0) > 0 && fcp !== undefined;
      },
      undefined,
      { timeout: 30_000 },
    );
    const timings: PageTimings = await page.evaluate(() => {
      const entries = performance.getEntries() as unknown as BrowserEntry[];
      const nav = entries.find((e) => e.entryType === "navigation");
      const fcp = entries.find((e) => e.entryType === "paint" && e.name === "first-contentful-paint");
      return { fcp: fcp?.startTime ?? null, domContentLoaded: nav?.domContentLoadedEventEnd ?? 0, load: nav?.loadEventEnd ?? 0 };
    });
    for (const [selector, count] of Object.entries(spec.expect)) {
      const found = await page.locator(selector).count();
      if (found !== count) throw new BenchFailure(`${spec.path}: ${found} of "${selector}" where the seed makes ${count}`);
    }
    for (const [selector, text] of Object.entries(spec.texts ?? {})) {
      const found = (await page.locator(selector).first().textContent())?.trim();
      if (found !== text) throw new BenchFailure(`${spec.path}: "${selector}" reads ${JSON.stringify(found)} where the seed makes ${JSON.stringify(text)}`);
    }
    await settle(ledger);
    const requests = ledger.records();
    const html = requests.find((r) => r.type === "Document");
    if (html === undefined || html.headersMs === null || timings.fcp === null) {
      throw new BenchFailure(`${spec.path}: no document request, its timing, or no first contentful paint recorded`);
    }
    return {
      sample: {
        fcpMs: timings.fcp,
        domContentLoadedMs: timings.domContentLoaded,
        loadMs: timings.load,
        ttfbMs: html.headersMs,
        requests: requests.length,
        transferred: requests.reduce((n, r) => n + r.transferred, 0),
        htmlTransferred: html.transferred,
        htmlEncodedBody: html.encodedBody,
        htmlBody: html.body,
      },
      requests,
    };
  } finally {
    await context.close();
  }
}

/** Until every request seen has finished or failed (a loadingFinished can trail the load event), 10 s at most. */
async function settle(ledger: RequestLedger): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (ledger.pending > 0) {
    if (Date.now() > deadline) throw new BenchFailure(`${ledger.pending} request(s) of the page never finished`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The page from Node on loopback, no emulation: the time to the response's headers. */
async function serverFetch(path: string, settings: RenderSettings, signal: AbortSignal): Promise<{ ttfbMs: number }> {
  const started = performance.now();
  const response = await fetch(`${settings.baseUrl}${path}`, {
    headers: { cookie: `${SESSION_COOKIE}=${settings.session}`, "accept-language": "en-US", accept: "text/html" },
    redirect: "manual",
    signal: AbortSignal.any([signal, AbortSignal.timeout(LOAD_TIMEOUT_MS)]),
  });
  const ttfbMs = performance.now() - started;
  await response.text();
  if (response.status !== 200) throw new BenchFailure(`GET ${path} with the session cookie answered HTTP ${response.status}`);
  return { ttfbMs };
}
