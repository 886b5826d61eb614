import { formatTable } from "../admin/output";
import { LOAD_REQUESTS, LOAD_TIME_CAP_MS } from "./load-plan";
import type { LoadFigure } from "./load-test";
import { ms, type Percentiles } from "./stats";

/** How section 8 is measured: printed under its table and kept in the JSON. */
export const LOAD_NOTES = {
  loadSetup:
    "setup: its own wrangler dev on 127.0.0.1 with a temp D1 and, as every wrangler dev of the bench, --var RATE_LIMIT_PER_SECOND:1000 --var RATE_LIMIT_BURST:10000 (the per-key limit far above the load, the limiter still asked), one Business workspace with 50 API keys; 50 async clients in this process (Node's fetch, keep-alive), client i with key i, each taking the next request of one fixed schedule as soon as its previous one is answered; every key used once (license/check, unmeasured) before",
  loadMix:
    "mix: one create in 11, spread evenly, the first request a create: POST /api/v1/task with 1 serial (phones load-000…load-099 round-robin; post script with captions, a material URL, post_way, upload_wait_time); the reads in a fixed rotation of 20: 8 task-list pages (page random over the tasks made so far, 20 a page), 6 GET /api/v1/task/{id} (a random id made so far), 3 GET /api/v1/task/stats, 3 device-list pages; no agent is connected, so every task stays pending",
  loadLatency:
    "latency: fetch() to the body's last byte of each request; p50/p90/p99/max nearest-rank over the requests of a kind answered with code 0; req/s: those requests over the whole run's wall time (first request sent to last answer), so the kinds add up to the total",
  loadErrors: `errors: transport (no answer within 30 s, refused, reset), HTTP (a status not 2xx and not 429), answer (2xx with a non-zero code, or data not what was asked: a create must return 1 id, a task read the id asked), rate-limited (HTTP 429 or code 42901); any error fails the bench, and so does a run longer than ${LOAD_TIME_CAP_MS / 1000} s`,
  loadLost:
    "lost tasks: afterwards, with nothing else writing, every id the creates answered must be on some page of GET /api/v1/task (page_size 100, all pages), no id answered twice, and the list's total and GET /api/v1/task/stats's total (both counts in D1) must equal the ids answered; otherwise the bench fails",
  loadServer:
    "wrangler dev: utime + stime of its process tree (wrangler's Node, its workerd processes) from /proc, sampled every 2 s over the run, in % of one core, and per request (the tree's CPU time over all requests); a tree well under 100 % per core while latencies grow means the server waited for a core, not that it worked",
  loadClients:
    "bench clients: this process's CPU (process.cpuUsage over the wall time, % of one core) and event-loop delay (monitorEventLoopDelay, 10 ms timer, the 10 ms taken off); the clients share the machine with wrangler dev and workerd, so a busy client adds to every latency",
} as const;

export function loadLines(f: LoadFigure): string[] {
  const row = (name: string, requests: string, p: Percentiles, perS: number) => [
    name,
    String(p.count),
    perS.toFixed(1),
    ...[p.p50, p.p90, p.p99, p.max].map(ms),
    requests,
  ];
  const e = f.errors;
  const c = f.check;
  const scale = f.scale === 1 ? "" : ` (--load-scale ${f.scale})`;
  return [
    `8. Load: ${count(f.creates)} creates and ${count(f.reads)} reads from ${f.clients} concurrent clients (${f.keys} API keys), mixed, wrangler dev${scale}`,
    ...formatTable(
      ["kind", "answered", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "request"],
      [...f.kinds.map((k) => row(k.kind, LOAD_REQUESTS[k.kind].label, k, k.perS)), row("all", "", f.overall, f.requestsPerS)],
      ["left", "right", "right", "right", "right", "right", "right", "left"],
    ),
    `${count(f.requests)} requests in ${(f.wallMs / 1000).toFixed(1)} s: ${f.requestsPerS.toFixed(1)} req/s answered with code 0; errors ${e.total} (transport ${e.transport}, HTTP ${e.http}, answer ${e.answer}, rate-limited ${e.rateLimited})`,
    `tasks: ${count(c.created)} ids answered, ${c.duplicates} twice; ${count(c.listed)} of them found in GET /api/v1/task (total ${count(c.listTotal)}), ${c.unexpected} listed that no create answered; stats total ${count(c.statsTotal)} (${count(c.statsPending)} pending); lost ${f.lostTasks}`,
    serverLine(f),
    `bench clients: ${f.clientCpuPercent.toFixed(0)} % of one core, event-loop delay p99 ${ms(f.clientLoopDelay.p99Ms)} ms, max ${ms(f.clientLoopDelay.maxMs)} ms; load average ${f.loadAverage.start.toFixed(2)} before the requests, ${f.loadAverage.end.toFixed(2)} after`,
    ...Object.values(LOAD_NOTES).map((note) => `  ${note}`),
  ];
}

function serverLine(f: LoadFigure): string {
  if (f.server === undefined) return "wrangler dev: not sampled (no /proc)";
  const t = f.server.tree;
  const parts = t.processes.filter((p) => p.cpuPercent >= 0.5).map((p) => `${p.label} ${p.pid} ${p.cpuPercent.toFixed(0)} %`);
  return `wrangler dev: ${t.cpuPercent.toFixed(0)} % of one core over the run (${parts.join(", ")}), busiest 2 s ${t.cpuMaxIntervalPercent.toFixed(0)} %; ${f.server.cpuMsPerRequest.toFixed(1)} ms CPU per request; RSS ${t.rssMaxMB.toFixed(0)} MB at most`;
}

const count = (n: number) => n.toLocaleString("en-US");
