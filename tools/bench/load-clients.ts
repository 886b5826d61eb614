import { monitorEventLoopDelay } from "node:perf_hooks";
import { ApiCode } from "../../shared/api-codes";
import { BenchFailure } from "./failure";
import { LOAD_KINDS, LOAD_TIME_CAP_MS, type LoadKind, type LoadPlan } from "./load-plan";
import { createdIds, createRequest, type LoadRequest, readRequest } from "./load-requests";
import type { BenchServer } from "./server";

/** One request's own deadline; locally an answer takes milliseconds. */
const REQUEST_DEADLINE_MS = 30_000;
/** The event-loop delay monitor's timer; what it records includes this period. */
const LOOP_RESOLUTION_MS = 10;
/** Errors quoted in the report (all are counted). */
const ERRORS_KEPT = 5;
/** A progress line this often: the full load takes minutes on a busy 2-core machine. */
const PROGRESS_EVERY_MS = 30_000;

/** transport: no answer (refused, reset, deadline); http: a status other than 2xx and 429; answer: 2xx but a non-zero code or unexpected data; rateLimited: 429 or code 42901. */
export const ERROR_CLASSES = ["transport", "http", "answer", "rateLimited"] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

export interface LoadRun {
  /** From the first request's start to the last answer. */
  wallMs: number;
  /** Per kind, the time of every request that succeeded: fetch() to the body's last byte. */
  latencies: Record<LoadKind, number[]>;
  errors: Record<ErrorClass, number>;
  firstErrors: string[];
  /** Every task id the creates answered, in the order the answers came. */
  createdIds: number[];
  /** This process (the 50 clients) over the wall time, in % of one core. */
  clientCpuPercent: number;
  clientLoopDelay: { p99Ms: number; maxMs: number };
}

type Outcome = { ok: true; ms: number; data: unknown } | { ok: false; error: ErrorClass; detail: string } | { ok: false; error: "stopped" };

/**
 * `plan.clients` async clients in this process, each with its own API key, take the next
 * request of the schedule when their previous one is answered, until none is left. fetch()
 * keeps connections alive (Node's undici pool), so each client holds about one connection.
 * Fails if the schedule is not done within LOAD_TIME_CAP_MS.
 */
export async function runLoad(
  server: BenchServer,
  keys: readonly string[],
  plan: LoadPlan,
  signal: AbortSignal,
  progress: (line: string) => void,
): Promise<LoadRun> {
  const cap = AbortSignal.timeout(LOAD_TIME_CAP_MS);
  const stop = AbortSignal.any([signal, cap]);
  const latencies = Object.fromEntries(LOAD_KINDS.map((k) => [k, [] as number[]])) as Record<LoadKind, number[]>;
  const errors: Record<ErrorClass, number> = { transport: 0, http: 0, answer: 0, rateLimited: 0 };
  const firstErrors: string[] = [];
  const ids: number[] = [];
  let next = 0;
  let creates = 0;
  // A read by id needs an id: until the first create is answered, those reads wait for it.
  let firstCreateAnswered: () => void = () => undefined;
  const firstCreate = new Promise<void>((resolve) => (firstCreateAnswered = resolve));
  // One listener, not one per waiting read: a stopped run must not leave reads waiting.
  stop.addEventListener("abort", () => firstCreateAnswered(), { once: true });

  const one = async (key: string): Promise<void> => {
    const kind = plan.schedule[next++];
    if (kind === undefined) return;
    if (kind === "get" && ids.length === 0) await firstCreate;
    const request = kind === "create" ? createRequest(creates++, plan.phones) : readRequest(kind, ids, plan.phones);
    const outcome = await send(server, key, request, stop);
    if (kind === "create") firstCreateAnswered();
    if (outcome.ok) {
      latencies[kind].push(outcome.ms);
      if (kind === "create") ids.push(...createdIds(outcome.data));
    } else if (outcome.error !== "stopped") {
      errors[outcome.error]++;
      const line = `${request.method} ${request.path}: ${outcome.error}: ${outcome.detail}`;
      // Said at once: a long run that fails at the end should not keep its cause until then.
      if (firstErrors.length === 0) progress(`first error: ${line}`);
      if (firstErrors.length < ERRORS_KEPT) firstErrors.push(line);
    }
  };
  const client = async (key: string) => {
    while (next < plan.schedule.length && !stop.aborted) await one(key);
  };

  const failed = () => ERROR_CLASSES.reduce((n, c) => n + errors[c], 0);
  const answered = () => LOAD_KINDS.reduce((n, k) => n + latencies[k].length, 0) + failed();
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loop.enable();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const ticker = setInterval(() => {
    const seconds = (performance.now() - started) / 1000;
    progress(`${answered()} of ${plan.schedule.length} answered in ${seconds.toFixed(0)} s (${(answered() / seconds).toFixed(1)} req/s), ${failed()} errors`);
  }, PROGRESS_EVERY_MS);
  try {
    await Promise.all(Array.from({ length: plan.clients }, (_, i) => client(keys[i % keys.length] ?? "")));
  } finally {
    clearInterval(ticker);
    loop.disable();
  }
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  signal.throwIfAborted();
  if (cap.aborted) {
    const first = firstErrors.length === 0 ? "" : `; first errors: ${firstErrors.join(" | ")}`;
    throw new BenchFailure(
      `the load test did not finish within ${LOAD_TIME_CAP_MS / 1000} s: ${answered()} of ${plan.schedule.length} requests answered (${failed()} errors${first})\n${server.outputTail()}`,
    );
  }
  const toMs = (ns: number) => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);
  return {
    wallMs,
    latencies,
    errors,
    firstErrors,
    createdIds: ids,
    clientCpuPercent: ((used.user + used.system) / 1000 / wallMs) * 100,
    clientLoopDelay: { p99Ms: toMs(loop.percentile(99)), maxMs: toMs(loop.max) },
  };
}

async function send(server: BenchServer, key: string, request: LoadRequest, stop: AbortSignal): Promise<Outcome> {
  const init: RequestInit = {
    method: request.method,
    headers: { authorization: `Bearer ${key}`, ...(request.body === undefined ? {} : { "content-type": "application/json" }) },
    signal: AbortSignal.any([stop, AbortSignal.timeout(REQUEST_DEADLINE_MS)]),
  };
  if (request.body !== undefined) init.body = JSON.stringify(request.body);
  const started = performance.now();
  let status: number;
  let text: string;
  try {
    const response = await fetch(`${server.baseUrl}${request.path}`, init);
    status = response.status;
    text = await response.text();
  } catch (error) {
    if (stop.aborted) return { ok: false, error: "stopped" };
    const cause = error instanceof Error && error.cause !== undefined ? ` (${String(error.cause)})` : "";
    return { ok: false, error: "transport", detail: `${String(error)}${cause}` };
  }
  const ms = performance.now() - started;
  const envelope = parseEnvelope(text);
  const detail = `HTTP ${status}: ${text.slice(0, 200)}`;
  if (status === 429 || envelope?.code === ApiCode.RateLimited) return { ok: false, error: "rateLimited", detail };
  if (status < 200 || status > 299) return { ok: false, error: "http", detail };
  if (envelope === undefined || envelope.code !== ApiCode.Success) return { ok: false, error: "answer", detail };
  const wrong = request.check(envelope.data);
  return wrong === undefined ? { ok: true, ms, data: envelope.data } : { ok: false, error: "answer", detail: wrong };
}

function parseEnvelope(text: string): { code: number; data: unknown } | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null || !("code" in value) || typeof value.code !== "number") return undefined;
    return { code: value.code, data: "data" in value ? value.data : undefined };
  } catch {
    return undefined;
  }
}
