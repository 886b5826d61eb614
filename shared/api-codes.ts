/**
 * The response codes of the TikMatrix task API (see docs/api.md). The HTTP status of an
 * answer is the first three digits of its code, so one number says both.
 */
export const ApiCode = {
  Success: 0,
  InvalidParameters: 40001,
  ScriptNameMissing: 40002,
  ScriptNotSupported: 40003,
  UsernameNotBound: 40004,
  Unauthorized: 40101,
  PlanWithoutApi: 40301,
  NotFound: 40401,
  Conflict: 40901,
  RateLimited: 42901,
  Internal: 50001,
} as const;

export type ApiCode = (typeof ApiCode)[keyof typeof ApiCode];

export function httpStatusOf(code: ApiCode): number {
  return code === ApiCode.Success ? 200 : Math.floor(code / 100);
}

/** Every JSON answer has this shape, errors included. */
export interface Envelope<T> {
  code: ApiCode;
  message: string;
  data: T | null;
}
