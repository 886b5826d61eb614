import { describe, expect, test } from "vitest";
import { type RequestRecord, SLOW_4G, sampleOf, spreadOf } from "./dashboard-render";

describe("the dashboard section's bookkeeping", () => {
  test("Slow 4G is DevTools' preset: 562.5 ms, 180,000 B/s down, 84,375 B/s up", () => {
    expect(SLOW_4G).toEqual({ offline: false, latency: 562.5, downloadThroughput: 180_000, uploadThroughput: 84_375 });
  });

  test("a load's figures: its timings, every request's bytes summed, the document's own", () => {
    const html: RequestRecord = { url: "http://127.0.0.1:1/", type: "document", status: 200, headersMs: 570.5, transferred: 1332, encodedBody: 864, body: 1712, contentEncoding: "gzip", failed: null };
    const requests: RequestRecord[] = [
      { ...html, url: "http://127.0.0.1:1/assets/app.css", type: "stylesheet", headersMs: 1130, transferred: 2872, encodedBody: 2404, body: 10_201 },
      html,
      { ...html, url: "http://127.0.0.1:1/assets/app.js", type: "script", status: null, headersMs: null, transferred: 0, encodedBody: 0, body: 0, failed: "net::ERR_ABORTED" },
    ];
    const timings = { fcp: 1244, domContentLoaded: 1246, load: 1247 };
    const sample = { ...timings, ttfb: 570.5, requests: 3, transferred: 4204, htmlTransferred: 1332, htmlEncodedBody: 864, htmlBody: 1712 };
    expect(sampleOf("/", timings, requests)).toEqual(sample);
    expect(() => sampleOf("/", timings, requests.slice(0, 1))).toThrow(/no document request/);
    expect(() => sampleOf("/", null, requests)).toThrow(/no first contentful paint/);
  });

  test("a spread is the median, lowest and highest", () => {
    expect(spreadOf([5, 1, 4, 2, 3])).toEqual({ median: 3, min: 1, max: 5 });
    expect(spreadOf([2, 1])).toEqual({ median: 1.5, min: 1, max: 2 });
  });
});
