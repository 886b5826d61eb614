import { ApiCode } from "../../shared/api-codes";

/**
 * The one error type of the API: whatever throws it, the client gets `code`, `message`
 * and `data` in the envelope and the matching HTTP status. Anything else thrown is an
 * internal error (50001) whose details stay in the log.
 */
export class ApiError extends Error {
  constructor(
    readonly code: Exclude<ApiCode, 0>,
    message: string,
    readonly data: unknown = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const invalid = (message: string) => new ApiError(ApiCode.InvalidParameters, message);
export const notFound = (what: string) => new ApiError(ApiCode.NotFound, `${what} not found`);
export const conflict = (message: string) => new ApiError(ApiCode.Conflict, message);
