import type { ServerResponse } from "node:http";
import { ApiCode, type Envelope } from "../../shared/api-codes";

/**
 * An answer of the local port's own, in the API's envelope, so a TikMatrix client reads it
 * as it reads the Worker's. `status` is the code's first three digits except for a Worker
 * that cannot be reached, which is 502 (see gatewayFailure).
 */
export function sendEnvelope(res: ServerResponse, status: number, code: ApiCode, message: string): void {
  const body: Envelope<null> = { code, message, data: null };
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=UTF-8",
    "content-length": Buffer.byteLength(text),
    // The client's body may be left unread (a 404, a refused page, a Worker down): closing
    // the connection spares draining a 300 MB upload that nobody will take.
    connection: "close",
  });
  res.end(text);
}

/**
 * The Worker did not answer: 502, a gateway's status, rather than the 500 that 50001 would
 * say, because nothing failed in the Worker and a client (or a person reading its log) must
 * be able to tell "the service broke" from "this PC could not reach it". The code is still
 * the envelope's internal error, the only code meaning "not your request's fault".
 */
export function gatewayFailure(res: ServerResponse, origin: string, reason: string): void {
  sendEnvelope(res, 502, ApiCode.Internal, `the Worker at ${origin} could not be reached: ${reason}`);
}
