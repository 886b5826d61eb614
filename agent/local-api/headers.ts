import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";

/**
 * The request headers a call to TikMatrix's port carries on to the Worker: what the API reads
 * (docs/api.md) and what HTTP needs to carry a body and its encoding. An allowlist, not a
 * blocklist: `Authorization` and `X-API-Key` must never pass (the agent's key is the one
 * used), nor `Cookie`, nor `Host` (the Worker's is set from its URL), nor anything a client
 * adds that the Worker would then see as coming from this PC.
 */
const FORWARDED_REQUEST = new Set([
  "accept",
  "accept-encoding",
  "accept-language",
  "content-type",
  "content-length",
  "idempotency-key",
  "range",
  "if-range",
  "if-match",
  "if-none-match",
  "if-modified-since",
  // A single material upload's metadata (worker/routes/materials/upload.ts).
  "x-file-name",
  "x-tags",
  "x-caption",
  "x-username",
  "x-sort-key",
  // Which script called: the Worker's log (`wrangler tail`) shows it.
  "user-agent",
]);

/**
 * Response headers that belong to one connection (RFC 9110 §7.6.1) and are not passed on,
 * plus those that would bind this local origin to the Worker's: a cookie or an Alt-Svc for
 * the Worker's host means nothing on 127.0.0.1. Everything else (Content-Length,
 * Content-Range, ETag, Allow, Retry-After, X-RateLimit-*, …) reaches the client as sent.
 */
const DROPPED_RESPONSE = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "set-cookie",
  "alt-svc",
  "strict-transport-security",
]);

/** True when the client sent a body: only then is one streamed on (a POST with none stays bodiless). */
export function hasBody(headers: IncomingHttpHeaders): boolean {
  return headers["content-length"] !== undefined || headers["transfer-encoding"] !== undefined;
}

export function upstreamRequestHeaders(client: IncomingHttpHeaders, apiKey: string): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(client)) {
    if (value !== undefined && FORWARDED_REQUEST.has(name)) headers[name] = value;
  }
  // A chunked body (no Content-Length) is sent chunked again: Node's request does so when
  // told, which it is not by default for DELETE (a batch delete carries a body).
  if (client["content-length"] === undefined && /\bchunked\b/i.test(String(client["transfer-encoding"] ?? ""))) {
    headers["transfer-encoding"] = "chunked";
  }
  headers.authorization = `Bearer ${apiKey}`;
  return headers;
}

export function clientResponseHeaders(upstream: IncomingHttpHeaders): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  // Connection: a header a server names in `Connection` is hop-by-hop too.
  const named = new Set(
    String(upstream.connection ?? "")
      .split(",")
      .map((name) => name.trim().toLowerCase())
      .filter((name) => name !== ""),
  );
  for (const [name, value] of Object.entries(upstream)) {
    if (value !== undefined && !DROPPED_RESPONSE.has(name) && !named.has(name)) headers[name] = value;
  }
  return headers;
}
