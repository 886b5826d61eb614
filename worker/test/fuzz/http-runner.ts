import { SELF } from "cloudflare:test";
import { parseBoundedJson, toWellFormed } from "../../../shared/json/bounded-json";
import { BODY_BOUNDS } from "../../http/json-body";
import { checkAnswer } from "./answer-check";
import { changedTables, type Snapshot, takeSnapshot } from "./d1-snapshot";
import { buildCase, type FuzzCase, type RouteSpec } from "./http-cases";
import type { FuzzCredentials } from "./key-ring";
import { knownBugOf } from "./known-bugs";
import { FUZZ_SEED } from "./prng";

/**
 * Sends each route's hostile cases one after another (so each D1 change is the last
 * request's), checks every answer, and collects what went wrong instead of stopping at
 * the first failure, so one run shows every broken route.
 */

export class Tally {
  readonly byRoute = new Map<string, { tried: number; codes: Map<number, number> }>();
  readonly failures: string[] = [];
  /** The slowest cases, to see where a run's time goes. */
  readonly slowest: { ms: number; label: string }[] = [];
  unsendable = 0;
  /** Wrong answers of bugs already reported (known-bugs.ts), by bug: counted, not failed. */
  readonly known = new Map<string, number>();
  /** Routes whose run hit its time budget (a loaded machine), with the cases they got through. */
  readonly cutShort: string[] = [];

  timed(ms: number, label: string): void {
    this.slowest.push({ ms, label });
    this.slowest.sort((a, b) => b.ms - a.ms);
    this.slowest.length = Math.min(this.slowest.length, 5);
  }

  readonly kinds = new Map<string, number>();

  count(route: string, code: number): void {
    const entry = this.byRoute.get(route) ?? { tried: 0, codes: new Map<number, number>() };
    entry.tried++;
    entry.codes.set(code, (entry.codes.get(code) ?? 0) + 1);
    this.byRoute.set(route, entry);
  }

  get tried(): number {
    return [...this.byRoute.values()].reduce((n, e) => n + e.tried, 0);
  }

  codes(): Map<number, number> {
    const all = new Map<number, number>();
    for (const entry of this.byRoute.values()) for (const [code, n] of entry.codes) all.set(code, (all.get(code) ?? 0) + n);
    return all;
  }

  /** One line for the closing note: requests tried, accepted, and refused by code. */
  summary(group: string, ms: number): string {
    const codes = [...this.codes()].sort(([a], [b]) => a - b);
    // A negative code is an answer without a readable envelope (HEAD): its HTTP status.
    const refused = codes.filter(([c]) => c !== 0).map(([c, n]) => `${c < 0 ? `http${-c}` : c}:${n}`).join(" ");
    const perRoute = [...this.byRoute].map(([r, e]) => `${r}=${e.tried}`).join(", ");
    return `fuzz[${group}] seed=${FUZZ_SEED} tried=${this.tried} accepted=${this.codes().get(0) ?? 0} refused={${refused}} unsendable=${this.unsendable} failures=${this.failures.length}${this.known.size > 0 ? ` known-bugs={${[...this.known].map(([b, n]) => `${b}:${n}`).join(" ")}}` : ""}${this.cutShort.length > 0 ? ` cut-short=[${this.cutShort.join(", ")}]` : ""} in ${ms} ms (${perRoute})`;
  }
}

/**
 * A file's time, shared among its routes by their case counts as they run: time a fast
 * route leaves over goes to the ones after it. On a loaded machine the later routes are
 * cut short instead of the test timing out, and the summary names them.
 */
export class TimeBudget {
  private readonly deadline: number;

  constructor(
    ms: number,
    private casesLeft: number,
  ) {
    this.deadline = Date.now() + ms;
  }

  share(cases: number): number {
    const ms = (Math.max(0, this.deadline - Date.now()) * cases) / Math.max(cases, this.casesLeft);
    this.casesLeft -= cases;
    return ms;
  }
}

/**
 * Runs `cases` cases of the route, or as many as fit in `budgetMs`: the bound keeps a run
 * on a loaded machine inside its test's timeout, and the summary says when it bit.
 */
export async function fuzzRoute(spec: RouteSpec, cases: number, creds: FuzzCredentials, tally: Tally, budgetMs = 20_000): Promise<void> {
  const deadline = Date.now() + budgetMs;
  let before: Snapshot = await takeSnapshot();
  for (let index = 0; index < cases; index++) {
    if (Date.now() > deadline) {
      tally.cutShort.push(`${spec.name}@${index}/${cases}`);
      return;
    }
    const c = buildCase(spec, FUZZ_SEED, index);
    const request = toRequest(c, spec, creds);
    if (request === null) {
      tally.unsendable++; // a header value fetch itself refuses to send
      continue;
    }
    const fail = (problem: string) => tally.failures.push(toWellFormed(`${problem} — replay: seed=${FUZZ_SEED} ${describe(c)}`));
    const sentAt = Date.now();
    let response: Response;
    try {
      response = await SELF.fetch(request);
    } catch (error) {
      fail(`the request threw ${String(error).slice(0, 200)}`);
      continue;
    }
    const checked = await checkAnswer(c.method, c.path, response);
    tally.timed(Date.now() - sentAt, toWellFormed(describe(c).slice(0, 160)));
    tally.count(spec.name, checked.code);
    tally.kinds.set(c.kind, (tally.kinds.get(c.kind) ?? 0) + 1);
    for (const problem of checked.problems) fail(problem);
    // 42901 answers before the route runs: whatever the case expected was not tried.
    if (c.expect && checked.code !== 42901) {
      const bug = knownBugOf(c, checked.code);
      if (bug !== undefined) tally.known.set(bug, (tally.known.get(bug) ?? 0) + 1);
      else if (!c.expect.codes.includes(checked.code)) fail(`expected ${c.expect.codes.join(" or ")}, got ${checked.code} "${checked.message.slice(0, 200)}"`);
      else if (c.expect.message && !c.expect.message.test(checked.message)) fail(`message "${checked.message.slice(0, 200)}" does not match ${c.expect.message}`);
    }
    // Whatever the case meant to break, a body the API accepts is one it could store as sent.
    if (checked.code === 0 && c.body !== undefined && c.splice === undefined) {
      // As it went over the wire: UTF-8 encoding turns a raw lone surrogate into U+FFFD.
      const wire = new TextDecoder().decode(new TextEncoder().encode(c.body));
      const sent = parseBoundedJson(wire, BODY_BOUNDS, { what: "body" });
      if (!sent.ok && !/not valid JSON/.test(sent.message)) fail(`accepted a body it must refuse: ${sent.message}`);
    }
    const after = await takeSnapshot();
    if (checked.code !== 0) {
      const changed = changedTables(before, after);
      if (changed.length > 0) fail(`refused with ${checked.code} but changed ${changed.join(", ")}`);
    }
    before = after;
  }
}

function toRequest(c: FuzzCase, spec: RouteSpec, creds: FuzzCredentials): Request | null {
  try {
    const headers = new Headers(c.headers);
    const agent = spec.credential === "agent_token";
    if (c.auth === "key") headers.set("authorization", `Bearer ${agent ? creds.agentToken : creds.apiKeys.next()}`);
    else if (c.auth === "starter") headers.set("authorization", `Bearer ${agent ? creds.starterAgentToken : creds.starterApiKey}`);
    else if (c.auth === "other-kind") headers.set("authorization", `Bearer ${agent ? creds.apiKeys.next() : creds.agentToken}`);
    else if (c.auth !== "none") headers.set(c.auth.name, c.auth.value);
    const init: RequestInit = { method: c.method, headers };
    if (c.body !== undefined && c.method !== "GET" && c.method !== "HEAD") {
      let bytes = new TextEncoder().encode(c.body);
      if (c.splice) bytes = new Uint8Array([...bytes.slice(0, c.splice.at), ...c.splice.bytes, ...bytes.slice(c.splice.at)]);
      init.body = c.streamed ? streamOf(bytes) : bytes;
    }
    return new Request(`https://api.test${c.path}`, init);
  } catch {
    return null;
  }
}

/** A body of unknown length, sent in 64 KB chunks. */
function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + 65_536));
      offset += 65_536;
    },
  });
}

/**
 * Well-formed: a slice of a hostile body can split a surrogate pair, and report lines travel
 * to the test runner over a socket that refuses ill-formed text.
 */
function describe(c: FuzzCase): string {
  const body = c.body === undefined ? "" : ` body(${c.body.length})=${JSON.stringify(c.body.slice(0, 120))}`;
  return toWellFormed(`route="${c.route}" case=${c.index} kind=${c.kind} (${c.what}) ${c.method} ${c.path.slice(0, 150)}${body}`);
}
