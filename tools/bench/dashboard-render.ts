import type { Browser, Request } from "playwright-core";
import { PHONE } from "../lib/chromium";
import { BenchFailure } from "./failure";
import { summarize, timeRuns } from "./stats";

/**
 * Section 10's measurement: one dashboard page's first render as a phone on a slow network
 * sees it. Each load is cold: a fresh browser context (no HTTP cache, no open connection),
 * at a phone's size, with the session cookie put in, and Chrome DevTools' "Slow 4G" applied
 * to the page through CDP (`Network.emulateNetworkConditions`) before the navigation. Per
 * load: first contentful paint (the `paint` timing entry), DOMContentLoaded and load
 * (navigation timing's event ends), all from the navigation's start; and every request of
 * the page from playwright's events (under Chromium, CDP's Network events): its time to the
 * response's headers, what it transferred (headers and body as received) and its body's
 * size. Beside the loads, the server's own time to first byte, without emulation (Node's
 * fetch on loopback, keep-alive).
 *
 * The page's time to first byte comes from CDP (the document's `receiveHeadersEnd`, which
 * playwright reports as `request.timing().responseStart`), not from navigation timing:
 * under DevTools' emulation Chromium holds the response back after it arrived, and the
 * navigation entry's `responseStart` records the arrival (tens of ms here, against 572 ms
 * by CDP), not the moment the page got it.
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

/** One request of a load, from playwright's Request and Response (under Chromium, CDP's Network events). */
export interface RequestRecord {
  url: string;
  /** playwright's resource type: document, stylesheet, script, image, fetch, … */
  type: string;
  status: number | null;
  /** `request.timing().responseStart`, CDP's `response.timing.receiveHeadersEnd`: ms from the request's start to its headers, the emulated latency included. */
  headersMs: number | null;
  /** Everything received for it: `request.sizes()`' headers and body, together CDP's `loadingFinished.encodedDataLength`. */
  transferred: number;
  /** The body as sent (not decoded): `responseBodySize`, encodedDataLength less the headers' `headersText` (Chromium 156 sends no encodedBodyLength). */
  encodedBody: number;
  /** The body after decoding: the length of `response.body()`. */
  body: number;
  contentEncoding: string | null;
  /** `request.failure()`'s errorText, when it failed. */
  failed: string | null;
}

/** A cold load's figures, milliseconds from the navigation's start and bytes (htmlEncodedBody: the HTML's body as sent, compressed if it was). */
const SAMPLED = ["fcp", "domContentLoaded", "load", "ttfb", "requests", "transferred", "htmlTransferred", "htmlEncodedBody", "htmlBody"] as const;
export type LoadSample = Record<(typeof SAMPLED)[number], number>;

export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** Every figure of LoadSample as a Spread of the loads. */
export type PageFigure = Record<keyof LoadSample, Spread> & {
  path: string;
  loads: number;
  /** Server time to first byte without emulation (loopback, keep-alive). */
  serverTtfb: Spread;
  /** Every request of the last measured load. */
  lastRequests: RequestRecord[];
};

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
  const server = await timeRuns(settings.runs, settings.warmups, () => serverFetch(spec.path, settings, signal), signal);
  const spreads = Object.fromEntries(SAMPLED.map((key) => [key, spreadOf(samples.map((s) => s[key]))])) as Record<keyof LoadSample, Spread>;
  return { path: spec.path, loads: samples.length, ...spreads, serverTtfb: spreadOf(server), lastRequests };
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

type PageTimings = Pick<LoadSample, "fcp" | "domContentLoaded" | "load">;

async function coldLoad(browser: Browser, spec: PageSpec, settings: RenderSettings): Promise<{ sample: LoadSample; requests: RequestRecord[] }> {
  const url = `${settings.baseUrl}${spec.path}`;
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "en-US" });
  try {
    // Not `url`: playwright then sets secure from the URL's scheme (false for http://), and
    // Chromium refuses a __Host- cookie that is not Secure. Host-only either way (no Domain
    // attribute is sent for an IP address), Path=/, Secure, as the Worker sets it; Chromium
    // takes Secure cookies from http://127.0.0.1.
    const { hostname } = new URL(settings.baseUrl);
    await context.addCookies([{ name: SESSION_COOKIE, value: settings.session, domain: hostname, path: "/", secure: true, httpOnly: true, sameSite: "Lax" }]);
    const page = await context.newPage();
    const seen: Request[] = [];
    const ended = new Set<Request>();
    page.on("request", (request) => seen.push(request));
    page.on("requestfinished", (request) => ended.add(request));
    page.on("requestfailed", (request) => ended.add(request));
    // Playwright has no network throttling of its own: DevTools' emulation, through a CDP session.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
    const response = await page.goto(url, { waitUntil: "load", timeout: LOAD_TIMEOUT_MS });
    const landed = new URL(page.url()).pathname;
    if (response === null || response.status() !== 200 || landed !== spec.path) {
      throw new BenchFailure(`${spec.path} in Chromium answered HTTP ${response?.status() ?? "none"} at ${landed} (signed out, or an error page)`);
    }
    // The load event's handlers done, and the first contentful paint recorded: then their
    // times. (The page's own Performance, read through BrowserEntry: Node's types, which these
    // files compile with, know no "navigation" or "paint" entry.)
    const ready = await page.waitForFunction(
      (): PageTimings | null => {
        const entries = performance.getEntries() as unknown as BrowserEntry[];
        const nav = entries.find((e) => e.entryType === "navigation");
        const fcp = entries.find((e) => e.entryType === "paint" && e.name === "first-contentful-paint");
        if (nav?.loadEventEnd === undefined || nav.loadEventEnd <= 0 || fcp === undefined) return null;
        return { fcp: fcp.startTime, domContentLoaded: nav.domContentLoadedEventEnd ?? 0, load: nav.loadEventEnd };
      },
      undefined,
      { timeout: 30_000 },
    );
    const timings = await ready.jsonValue();
    for (const [selector, count] of Object.entries(spec.expect)) {
      const found = await page.locator(selector).count();
      if (found !== count) throw new BenchFailure(`${spec.path}: ${found} of "${selector}" where the seed makes ${count}`);
    }
    for (const [selector, text] of Object.entries(spec.texts ?? {})) {
      const found = (await page.locator(selector).first().textContent())?.trim();
      if (found !== text) throw new BenchFailure(`${spec.path}: "${selector}" reads ${JSON.stringify(found)} where the seed makes ${JSON.stringify(text)}`);
    }
    await settle(seen, ended);
    const requests = await Promise.all(seen.map(recordOf));
    return { sample: sampleOf(spec.path, timings, requests), requests };
  } finally {
    await context.close();
  }
}

/** Until every request seen has finished or failed (a requestfinished can trail the load event), 10 s at most. */
async function settle(seen: readonly Request[], ended: ReadonlySet<Request>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (ended.size < seen.length) {
    if (Date.now() > deadline) throw new BenchFailure(`${seen.length - ended.size} request(s) of the page never finished`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One request that has ended, as playwright saw it. */
async function recordOf(request: Request): Promise<RequestRecord> {
  const response = await request.response();
  const failed = request.failure()?.errorText ?? null;
  const record = { url: request.url(), type: request.resourceType(), status: response?.status() ?? null, failed };
  if (response === null || failed !== null) return { ...record, headersMs: null, transferred: 0, encodedBody: 0, body: 0, contentEncoding: null };
  const sizes = await request.sizes();
  // Playwright refuses to read a redirect's body.
  const body = response.status() >= 300 && response.status() < 400 ? 0 : (await response.body()).length;
  return {
    ...record,
    headersMs: request.timing().responseStart,
    transferred: sizes.responseHeadersSize + sizes.responseBodySize,
    encodedBody: sizes.responseBodySize,
    body,
    contentEncoding: response.headers()["content-encoding"] ?? null,
  };
}

/** A load's figures: its timings, every request's bytes summed, and the document's own. */
export function sampleOf(path: string, timings: PageTimings | null, requests: readonly RequestRecord[]): LoadSample {
  const html = requests.find((r) => r.type === "document");
  if (html === undefined || html.headersMs === null || timings === null) {
    throw new BenchFailure(`${path}: no document request, its timing, or no first contentful paint recorded`);
  }
  return {
    ...timings,
    ttfb: html.headersMs,
    requests: requests.length,
    transferred: requests.reduce((n, r) => n + r.transferred, 0),
    htmlTransferred: html.transferred,
    htmlEncodedBody: html.encodedBody,
    htmlBody: html.body,
  };
}

/** The page from Node on loopback, no emulation: the time to the response's headers. */
async function serverFetch(path: string, settings: RenderSettings, signal: AbortSignal): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${settings.baseUrl}${path}`, {
    headers: { cookie: `${SESSION_COOKIE}=${settings.session}`, "accept-language": "en-US", accept: "text/html" },
    redirect: "manual",
    signal: AbortSignal.any([signal, AbortSignal.timeout(LOAD_TIMEOUT_MS)]),
  });
  const ttfbMs = performance.now() - started;
  await response.text();
  if (response.status !== 200) throw new BenchFailure(`GET ${path} with the session cookie answered HTTP ${response.status}`);
  return ttfbMs;
}
