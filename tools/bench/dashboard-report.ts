import { formatTable } from "../admin/output";
import type { DashboardFigure, DashboardResult } from "./dashboard";
import type { RequestRecord, Spread } from "./dashboard-render";
import type { SummaryRow } from "./summary";

/** How section 10 is measured: printed under its table and kept in the JSON. */
export const DASHBOARD_NOTES = {
  dashboardSetup:
    "setup: its own wrangler dev on 127.0.0.1 with a temp D1: one Business workspace, 10,000 tasks seeded through Miniflare (one every 30 s over the last 83 h, a quarter each pending, running, completed, failed; the pending ones due from an hour on), 20 offline phones seeded (last seen 1 to 20 h ago) and 80 online through simulated agents (the agent's PhoneLink: hello, heartbeats); one sign-in through the form (POST /login with the workspace's API key), its __Host-tm_session cookie put into every browser context",
  dashboardLoads:
    "loads: Debian's Chromium headless through playwright-core, 390 × 844 at 2× with touch, en-US; each load in a fresh browser context (no HTTP cache, no connection kept), 1 unmeasured then 5 measured per page; CDP Network.emulateNetworkConditions with DevTools' \"Slow 4G\" (latency 562.5 ms, download 180,000 B/s, upload 84,375 B/s: Slow4GConditions in devtools-frontend's front_end/core/sdk/NetworkManager.ts) before the navigation; every page checked against the seed (home: running and queued counts; /tasks: 20 rows; /phones: 100 cards, 80 online)",
  dashboardTimes:
    "times: ms, median (min–max) of the loads: FCP the first-contentful-paint paint entry, DOMContentLoaded and load the navigation entry's domContentLoadedEventEnd and loadEventEnd, all from the navigation's start; TTFB the document's request.timing().responseStart in playwright, CDP's response.timing.receiveHeadersEnd (from its request's start, the emulated latency included; navigation timing's responseStart leaves the emulated latency out); server TTFB: Node's fetch of the page with the cookie on loopback without emulation (keep-alive), to the response's headers, 5 after 1 unmeasured",
  dashboardBytes:
    "bytes: per request playwright's request.sizes(), responseHeadersSize plus responseBodySize, which under Chromium is CDP's Network.loadingFinished encodedDataLength (headers and body as received), summed over the page's requests; HTML: the document's transferred, its body as sent (responseBodySize: encodedDataLength less the length of the headers' headersText; compressed when it came with content-encoding) and decoded (the length of response.body())",
  dashboardRowsRead:
    "rows read: the Worker's own homeData (worker/web/data/home-data.ts) run once through Miniflare's D1 on the section's database after wrangler dev stopped, each statement's meta.rows_read; D1 bills rows read, and an open page refreshes itself every 10 s",
} as const;

const homeRowsTotal = (result: DashboardFigure) => result.homeReads.reduce((n, r) => n + r.rowsRead, 0);

const int = (n: number) => Math.round(n).toLocaleString("en-US");
const spread = (s: Spread) => (s.min === s.max ? int(s.median) : `${int(s.median)} (${int(s.min)}–${int(s.max)})`);
const requestText = (r: RequestRecord) => {
  const outcome = r.failed === null ? String(r.status ?? "?") : `failed: ${r.failed}`;
  return `${new URL(r.url).pathname} ${r.type} ${outcome}, ${int(r.transferred)} B (body ${int(r.body)}${r.contentEncoding === null ? "" : `, ${r.contentEncoding}`})`;
};

export function dashboardLines(result: DashboardResult): string[] {
  if ("skipped" in result) return [`10. Dashboard first render: skipped (${result.skipped})`];
  const n = result.network;
  return [
    `10. Dashboard first render: ${result.pages.map((p) => p.path).join(", ")} in Chromium ${result.chromium} at a phone's size over DevTools' "Slow 4G" (latency ${n.latency} ms, ${int(n.downloadThroughput)} B/s down, ${int(n.uploadThroughput)} B/s up); ${result.phones} phones (${result.online} online), ${int(result.seed.tasks)} tasks, wrangler dev`,
    ...formatTable(
      ["page", "loads", "FCP ms", "DOMContentLoaded ms", "load ms", "TTFB ms", "server TTFB ms", "requests", "transferred B", "HTML transferred B", "HTML body as sent B", "HTML body B"],
      result.pages.map((p) => [
        p.path,
        String(p.loads),
        ...[p.fcp, p.domContentLoaded, p.load, p.ttfb].map(spread),
        `${p.serverTtfb.median.toFixed(1)} (${p.serverTtfb.min.toFixed(1)}–${p.serverTtfb.max.toFixed(1)})`,
        ...[p.requests, p.transferred, p.htmlTransferred, p.htmlEncodedBody, p.htmlBody].map(spread),
      ]),
      ["left", ...Array<"right">(11).fill("right")],
    ),
    `seed ${(result.seed.ms / 1000).toFixed(1)} s (rows_written ${int(result.seed.rowsWritten)}); runs dispatched to the agents meanwhile: ${result.runsDispatched}; load average ${result.loadAverage.start.toFixed(2)} before the loads, ${result.loadAverage.end.toFixed(2)} after`,
    ...result.pages.map((p) => `  ${p.path}, the last load's requests: ${p.lastRequests.map(requestText).join("; ")}`),
    `D1 rows read by one view of /: ${int(homeRowsTotal(result))} in ${result.homeReads.length} statements (one batch)`,
    ...result.homeReads.map((r) => `  ${int(r.rowsRead).padStart(7)}  ${r.what}`),
    ...Object.values(DASHBOARD_NOTES).map((note) => `  ${note}`),
  ];
}

export function dashboardRows(result: DashboardResult): SummaryRow[] {
  const row = (figure: string, value: string, unit: string, how: string): SummaryRow => ({ section: "10 dashboard", figure, value, unit, how });
  if ("skipped" in result) return [row("skipped", "", "", result.skipped)];
  const how = `median of ${result.runs} cold loads, Chromium, Slow 4G`;
  // Every figure of the home page; of the others, first paint and bytes.
  return result.pages.flatMap((p) => {
    const home = p.path === "/";
    return [
      row(`${p.path}: first contentful paint`, int(p.fcp.median), "ms", how),
      ...(home ? [row(`${p.path}: load`, int(p.load.median), "ms", how)] : []),
      row(`${p.path}: transferred, ${int(p.requests.median)} requests`, int(p.transferred.median), "bytes", "playwright request.sizes(), headers + body, summed"),
      ...(home ? [row(`${p.path}: server TTFB`, p.serverTtfb.median.toFixed(1), "ms", "Node fetch on loopback, no emulation")] : []),
      ...(home ? [row(`${p.path}: D1 rows read per view`, int(homeRowsTotal(result)), "rows", `meta.rows_read of homeData's ${result.homeReads.length} statements`)] : []),
    ];
  });
}
