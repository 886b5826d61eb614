import type { Context } from "hono";
import { ApiCode, type Envelope, httpStatusOf } from "../../shared/api-codes";
import type { ApiError } from "./api-error";

export function success<T>(c: Context, data: T): Response {
  const body: Envelope<T> = { code: ApiCode.Success, message: "success", data };
  return c.json(body, 200);
}

export function failure(error: ApiError): Response {
  const body: Envelope<unknown> = { code: error.code, message: error.message, data: error.data };
  return Response.json(body, { status: httpStatusOf(error.code), headers: error.headers });
}
