import type { Agent as HttpAgent, IncomingMessage, ServerResponse } from "node:http";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { Logger } from "../logger";
import { gatewayFailure } from "./envelope";
import { clientResponseHeaders, hasBody, upstreamRequestHeaders } from "./headers";

export interface Upstream {
  /** The Worker's origin and base path, e.g. `https://api.example.com` (no trailing slash). */
  server: URL;
  apiKey: string;
  /** Keep-alive connections to the Worker, reused across calls (a TLS handshake each would be slow). */
  agent: HttpAgent;
  connectTimeoutMs: number;
  log: Logger;
}

/**
 * Sends one call on to the Worker and its answer back, both bodies streamed with back-pressure
 * (`pipe`): a material upload of hundreds of MB passes a chunk at a time and never sits in
 * memory. node:http rather than fetch: it passes `Content-Encoding` and `Content-Length`
 * through untouched (fetch would decompress a gzip answer under its gzip headers).
 *
 * `path` is the normalised path and query the Worker is to get (see local-api.ts).
 */
export function forward(req: IncomingMessage, res: ServerResponse, path: string, upstream: Upstream): void {
  const { server } = upstream;
  const request = server.protocol === "https:" ? httpsRequest : httpRequest;
  const outgoing = request(new URL(`${server.pathname.replace(/\/+$/, "")}${path}`, server), {
    method: req.method,
    headers: upstreamRequestHeaders(req.headers, upstream.apiKey),
    agent: upstream.agent,
  });

  // No answer to the connect in time: a Worker behind a dead route would otherwise hold the
  // script for the OS's connect timeout (minutes). Once connected there is no deadline: a
  // material import may legitimately take minutes before the Worker answers.
  const connectTimer = setTimeout(() => outgoing.destroy(new Error(`no connection within ${upstream.connectTimeoutMs / 1000} s`)), upstream.connectTimeoutMs);
  outgoing.on("socket", (socket) => {
    if (!socket.connecting) clearTimeout(connectTimer); // a kept-alive socket, already connected
    else socket.once("connect", () => clearTimeout(connectTimer));
  });

  outgoing.on("response", (answer) => {
    clearTimeout(connectTimer);
    res.writeHead(answer.statusCode ?? 502, answer.statusMessage, clientResponseHeaders(answer.headers));
    answer.pipe(res);
    // The Worker's answer broke off mid-body: the client must see a broken answer, not a short one
    // that looks whole (a truncated video would otherwise pass for the material).
    answer.on("error", (error) => res.destroy(error));
  });

  outgoing.on("error", (error) => {
    clearTimeout(connectTimer);
    // Whatever the client still sends has nowhere to go: read and drop it, so a script that
    // sends its whole body before reading the answer is not left blocked on a full socket.
    req.unpipe(outgoing);
    req.resume();
    if (!res.headersSent) {
      upstream.log.warn(`${req.method} ${path}: the Worker at ${server.origin} could not be reached: ${reason(error)}`);
      gatewayFailure(res, server.origin, reason(error));
    } else if (!res.writableFinished) {
      // Headers are out, so no envelope can follow: cut the connection.
      res.destroy(error);
    }
    // Else the answer went out whole and only the rest of the request body was refused (the
    // Worker may answer a 40001 before reading a body it will not take): nothing to do.
  });

  // The client went away (a script killed mid-upload or mid-download): stop the Worker's side too.
  res.on("close", () => {
    clearTimeout(connectTimer);
    if (!res.writableFinished) outgoing.destroy();
  });
  req.on("error", () => outgoing.destroy());

  if (hasBody(req.headers)) {
    // pipe, not pipeline: a failure of the outgoing side must not destroy the client's socket
    // while the Worker's answer (say a 40001 for a body it refused early) is still going out on it.
    req.pipe(outgoing);
  } else {
    outgoing.end();
  }
}

function reason(error: Error): string {
  const code = "code" in error && typeof error.code === "string" ? error.code : undefined;
  return code !== undefined && !error.message.includes(code) ? `${code} ${error.message}` : error.message;
}
