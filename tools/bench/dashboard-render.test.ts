import { describe, expect, test } from "vitest";
import { RequestLedger, SLOW_4G, spreadOf } from "./dashboard-render";

describe("the dashboard section's bookkeeping", () => {
  test("Slow 4G is DevTools' preset: 562.5 ms, 180,000 B/s down, 84,375 B/s up", () => {
    expect(SLOW_4G).toEqual({ offline: false, latency: 562.5, downloadThroughput: 180_000, uploadThroughput: 84_375 });
  });

  test("a request's bytes: all it received, the headers' share, its body as sent and decoded", () => {
    const ledger = new RequestLedger();
    ledger.sent({ requestId: "1", request: { url: "http://127.0.0.1:1/" }, type: "Document" });
    ledger.sent({ requestId: "2", request: { url: "http://127.0.0.1:1/assets/app.css" }, type: "Stylesheet" });
    expect(ledger.pending).toBe(2);
    ledger.response({ requestId: "1", type: "Document", response: { status: 200, headers: { "Content-Encoding": "gzip" }, encodedDataLength: 600, timing: { receiveHeadersEnd: 570.5 } } });
    ledger.data({ requestId: "1", dataLength: 1000 });
    ledger.data({ requestId: "1", dataLength: 712 });
    ledger.finished({ requestId: "1", encodedDataLength: 1338 });
    ledger.failed({ requestId: "2", errorText: "net::ERR_ABORTED" });
    expect(ledger.pending).toBe(0);
    const [html, css] = ledger.records();
    expect(html).toMatchObject({ status: 200, headersMs: 570.5, transferred: 1338, headerBytes: 600, encodedBody: 738, body: 1712, contentEncoding: "gzip", done: true });
    expect(css).toMatchObject({ status: null, transferred: 0, failed: "net::ERR_ABORTED", done: true });
  });

  test("a redirect keeps its hop as a request of its own", () => {
    const ledger = new RequestLedger();
    ledger.sent({ requestId: "1", request: { url: "http://127.0.0.1:1/" }, type: "Document" });
    ledger.sent({ requestId: "1", request: { url: "http://127.0.0.1:1/login" }, type: "Document", redirectResponse: { status: 303 } });
    expect(ledger.records().map((r) => [new URL(r.url).pathname, r.status, r.done])).toEqual([
      ["/", 303, true],
      ["/login", null, false],
    ]);
  });

  test("a spread is the median, lowest and highest", () => {
    expect(spreadOf([5, 1, 4, 2, 3])).toEqual({ median: 3, min: 1, max: 5 });
    expect(spreadOf([2, 1])).toEqual({ median: 1.5, min: 1, max: 2 });
  });
});
