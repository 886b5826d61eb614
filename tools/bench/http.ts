import { z } from "zod";
import { BenchFailure } from "./failure";
import type { BenchServer } from "./server";

/** Even a 1,000-task create takes a few seconds at most locally. */
const REQUEST_DEADLINE_MS = 60_000;

const envelope = z.object({ code: z.number(), message: z.string(), data: z.unknown() });

export interface TimedAnswer {
  /** From just before fetch() to the last byte of the body. */
  ms: number;
  data: unknown;
}

/**
 * One API call, timed. Anything but HTTP 200 with code 0 fails the bench: a figure for
 * an error answer would be a figure for the wrong work.
 */
export async function timedCall(
  server: BenchServer,
  key: string,
  method: "GET" | "POST" | "PATCH",
  pathAndQuery: string,
  body: unknown,
  signal: AbortSignal,
): Promise<TimedAnswer> {
  const init: RequestInit = {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    signal: AbortSignal.any([signal, AbortSignal.timeout(REQUEST_DEADLINE_MS)]),
  };
  if (body !== undefined) init.body = JSON.stringify(body);
  const label = `${method} ${pathAndQuery}`;
  const started = performance.now();
  let status: number;
  let text: string;
  try {
    const response = await fetch(`${server.baseUrl}${pathAndQuery}`, init);
    status = response.status;
    text = await response.text();
  } catch (error) {
    signal.throwIfAborted();
    const cause = error instanceof Error && error.cause !== undefined ? ` (${String(error.cause)})` : "";
    throw new BenchFailure(`${label} failed: ${String(error)}${cause}\n${server.outputTail()}`);
  }
  const ms = performance.now() - started;
  const answer = envelope.safeParse(parseJson(text));
  if (status !== 200 || !answer.success || answer.data.code !== 0) {
    throw new BenchFailure(`${label} answered HTTP ${status}: ${text.slice(0, 500)}\n${server.outputTail()}`);
  }
  return { ms, data: answer.data.data };
}

/** The answer's data in the expected shape, or a failure naming the request. */
export function expectShape<T>(schema: z.ZodType<T>, data: unknown, label: string): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new BenchFailure(`${label}: unexpected answer ${JSON.stringify(data).slice(0, 300)}`);
  return parsed.data;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
