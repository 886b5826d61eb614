import { loadavg } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { ApiCode } from "../../shared/api-codes";
import { BenchFailure } from "./failure";
import { LOAD_KINDS, LOAD_REQUESTS, LOAD_TIME_CAP_MS, type LoadKind, type LoadPlan, type LoadRequest } from "./load-plan";
import { percentiles } from "./stats";
import { hasProc, TreeSampler } from "./proc-sampler";
import type { BenchServer } from "./server";

/** One request's own deadline; locally an answer takes milliseconds. */
const REQUEST_DEADLINE_MS = 30_000;
/** The event-loop delay monitor's timer; what it records includes this period. */
const LOOP_RESOLUTION_MS = 10;
/** Errors quoted in the report (all are counted). */
const ERRORS_KEPT = 5;
/** A progress line this often: the full load takes minutes on a busy 2-core machine. */
const PROGRESS_EVERY_MS = 30_000;
/** wrangler dev's process tree this often: often enough for the busiest interval to mean something, rarely enough to cost nothing. */
const SAMPLE_EVERY_MS = 2_000;

/** transport: no answer (refused, reset, deadline); http: a status other than 2xx and 429; answer: 2xx but a non-zero code or unexpected data; rateLimited: 429 or code 42901. */
type ErrorClass = "transport" | "http" | "answer" | "rateLimited";
type Outcome = { ok: true; ms: number } | { ok: false; error: ErrorClass; detail: string } | { ok: false; error: "stopped" };

const envelope = z.object({ code: z.number(), data: z.unknown() });

/**
 * `plan.clients` async clients in this process, each with its own API key, take the next
 * request of the schedule when their previous one is answered, until none is left. fetch()
 * keeps connections alive (Node's undici pool), so each client holds about one connection.
 * Meanwhile the CPU and memory of the process tree of wrangler dev (its Node, its workerd
 * processes) are sampled from /proc: they show whether a slow figure was the server working
 * or the server waiting for a core on a busy machine. Fails if the schedule is not done
 * within LOAD_TIME_CAP_MS. The section's figures but for the plan and the lost-task check.
 */
export async function runLoad(server: BenchServer, keys: readonly string[], plan: LoadPlan, signal: AbortSignal, progress: (line: string) => void) {
  const cap = AbortSignal.timeout(LOAD_TIME_CAP_MS);
  const stop = AbortSignal.any([signal, cap]);
  const answered: { kind: LoadKind; ms: number }[] = [];
  const errors = { transport: 0, http: 0, answer: 0, rateLimited: 0, total: 0 };
  const firstErrors: string[] = [];
  const made = { creates: 0, ids: [] as number[] };
  let next = 0;
  // A read by id needs an id: until the first create is answered, those reads wait for it.
  let firstCreateAnswered: () => void = () => undefined;
  const firstCreate = new Promise<void>((resolve) => (firstCreateAnswered = resolve));
  // One listener, not one per waiting read: a stopped run must not leave reads waiting.
  stop.addEventListener("abort", () => firstCreateAnswered(), { once: true });

  const one = async (key: string): Promise<void> => {
    const kind = plan.schedule[next++];
    if (kind === undefined) return;
    if (kind === "get" && made.ids.length === 0) await firstCreate;
    const request = LOAD_REQUESTS[kind].request(made);
    const outcome = await send(server, key, request, stop);
    if (kind === "create") firstCreateAnswered();
    if (outcome.ok) {
      answered.push({ kind, ms: outcome.ms });
    } else if (outcome.error !== "stopped") {
      errors[outcome.error]++;
      errors.total++;
      const line = `${request.method} ${request.path}: ${outcome.error}: ${outcome.detail}`;
      // Said at once: a long run that fails at the end should not keep its cause until then.
      if (firstErrors.length === 0) progress(`first error: ${line}`);
      if (firstErrors.length < ERRORS_KEPT) firstErrors.push(line);
    }
  };
  const client = async (key: string) => {
    while (next < plan.schedule.length && !stop.aborted) await one(key);
  };

  const sampler = hasProc() ? await TreeSampler.create(server.pid, labelOf) : undefined;
  await sampler?.sample();
  const sampled = new AbortController();
  // Until the clients are done, then once more: the last sample closes the window.
  const sampling = (async () => {
    while (sampler !== undefined && !sampled.signal.aborted) {
      await sleep(SAMPLE_EVERY_MS, undefined, { signal: sampled.signal }).catch(() => undefined);
      await sampler.sample();
    }
  })();
  const loadAtStart = loadavg()[0] ?? 0;
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loop.enable();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const ticker = setInterval(() => {
    const seconds = (performance.now() - started) / 1000;
    const count = answered.length + errors.total;
    progress(`${count} of ${plan.schedule.length} answered in ${seconds.toFixed(0)} s (${(count / seconds).toFixed(1)} req/s), ${errors.total} errors`);
  }, PROGRESS_EVERY_MS);
  let wallMs: number;
  let used: NodeJS.CpuUsage;
  try {
    await Promise.all(Array.from({ length: plan.clients }, (_, i) => client(keys[i % keys.length] ?? "")));
    wallMs = performance.now() - started;
    used = process.cpuUsage(cpu);
  } finally {
    clearInterval(ticker);
    loop.disable();
    sampled.abort();
    await sampling;
  }
  const loadAtEnd = loadavg()[0] ?? 0;
  signal.throwIfAborted();
  if (cap.aborted) {
    const first = firstErrors.length === 0 ? "" : `; first errors: ${firstErrors.join(" | ")}`;
    throw new BenchFailure(
      `the load test did not finish within ${LOAD_TIME_CAP_MS / 1000} s: ${answered.length + errors.total} of ${plan.schedule.length} requests answered (${errors.total} errors${first})\n${server.outputTail()}`,
    );
  }
  const seconds = wallMs / 1000;
  const toMs = (ns: number) => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);
  const tree = sampler?.figure();
  const all = answered.map((a) => a.ms);
  return {
    /** Every task id the creates answered, in the order the answers came: for the lost-task check. */
    createdIds: made.ids,
    /** From the first request's start to the last answer. */
    wallMs,
    /** Requests answered with code 0 per second of wall time. */
    requestsPerS: all.length / seconds,
    /** Per kind, the requests answered with code 0 (their time: fetch() to the body's last byte), and per second of the whole run's wall time. */
    kinds: LOAD_KINDS.flatMap((kind) => {
      const samples = answered.filter((a) => a.kind === kind).map((a) => a.ms);
      return samples.length === 0 ? [] : [{ kind, perS: samples.length / seconds, ...percentiles(samples) }];
    }),
    /** Every request answered with code 0, whatever its kind. */
    overall: all.length === 0 ? { count: 0, p50: Number.NaN, p90: Number.NaN, p99: Number.NaN, max: Number.NaN } : percentiles(all),
    errors,
    firstErrors,
    /** wrangler dev's process tree over the run (Linux only): was the server working or waiting? */
    server: tree === undefined ? undefined : { tree, cpuMsPerRequest: (tree.cpuPercent / 100) * tree.seconds * 1000 / plan.schedule.length },
    /** This process (the 50 clients) over the wall time, in % of one core. */
    clientCpuPercent: ((used.user + used.system) / 1000 / wallMs) * 100,
    clientLoopDelay: { p99Ms: toMs(loop.percentile(99)), maxMs: toMs(loop.max) },
    /** 1-minute load average just before and just after the requests. */
    loadAverage: { start: loadAtStart, end: loadAtEnd },
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
  const answer = parseEnvelope(text);
  const detail = `HTTP ${status}: ${text.slice(0, 200)}`;
  if (status === 429 || answer?.code === ApiCode.RateLimited) return { ok: false, error: "rateLimited", detail };
  if (status < 200 || status > 299) return { ok: false, error: "http", detail };
  if (answer === undefined || answer.code !== ApiCode.Success) return { ok: false, error: "answer", detail };
  const wrong = request.check(answer.data);
  return wrong === undefined ? { ok: true, ms } : { ok: false, error: "answer", detail: wrong };
}

/** The answer's code and data, or undefined when it is not JSON with a numeric code. */
function parseEnvelope(text: string) {
  try {
    return envelope.safeParse(JSON.parse(text) as unknown).data;
  } catch {
    return undefined;
  }
}

function labelOf(_pid: number, cmdline: string): string {
  if (cmdline.includes("workerd")) return "workerd";
  if (cmdline.includes("esbuild")) return "esbuild (wrangler's bundler)";
  if (cmdline.includes("wrangler")) return "wrangler (Node)";
  return cmdline.slice(0, 40);
}
