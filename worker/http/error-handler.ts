import type { ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { ApiCode } from "../../shared/api-codes";
import { ApiError } from "./api-error";
import { failure } from "./envelope";

/** Every failure leaves through here, so every answer is in the envelope. */
export const onError: ErrorHandler = (err, c) => {
  if (err instanceof ApiError) return failure(err);
  if (err instanceof HTTPException && err.status < 500) {
    // Hono's own 4xx (e.g. a malformed body it parsed) is the client's mistake.
    return failure(new ApiError(ApiCode.InvalidParameters, err.message || "bad request"));
  }
  // Internal: the cause goes to the log (`wrangler tail`), never to the client.
  console.error(`${c.req.method} ${new URL(c.req.url).pathname} failed`, err);
  return failure(new ApiError(ApiCode.Internal, "internal error"));
};

export const onNotFound: NotFoundHandler = (c) =>
  failure(new ApiError(ApiCode.NotFound, `no route for ${c.req.method} ${new URL(c.req.url).pathname}`));
