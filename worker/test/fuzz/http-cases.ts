import { BAD_UTF8, blankBody, deepBody, loneSurrogateBody, malformedJson, nonObjectJson, oversizedBody, wideBody } from "./bodies";
import { type FieldMutation, mutateField } from "./fields";
import { hugeString, type Json, Raw, SQL_META, toJsonText } from "./hostile";
import { caseSeed, Rng } from "./prng";
import { hostileQuery, hostileSegment, pathShapes, validQuery } from "./url-parts";

/**
 * One hostile request per case number: a route's valid request with exactly one thing
 * wrong with it (a field, the body, a header, the method, the path, the query or the
 * credential). One mutation at a time means a certain answer can be asserted where the
 * contract fixes it (docs/api.md), and every other answer is still checked for shape.
 */

export interface RouteSpec {
  /** The label in counts and replay lines, e.g. "POST /task". */
  name: string;
  method: string;
  /** The path under https://api.test; `{id}` is replaced by one of `ids()`. */
  path: string;
  ids?: () => readonly string[];
  /** A valid body, for routes that read one. */
  body?: () => Json;
  /** Known query parameters, each with values the route accepts. */
  query?: Record<string, readonly string[]>;
  /** Every method served on this path (a "wrong method" must not be one of them). */
  allowed?: readonly string[];
  /** False for paths no route serves (any method is 40401 there): wrong methods are not asserted. */
  known?: boolean;
  /** The credential the route takes ("none": a path outside the API, which checks none). */
  credential?: "api_key" | "agent_token" | "none";
  /** Headers the route also reads, with a valid value. */
  headers?: Record<string, string>;
  /** Bodies with the refusal the contract names for them, sent in every run. */
  signatures?: readonly { body: Json; code: number }[];
}

export type Auth = "key" | "none" | "starter" | "other-kind" | { name: string; value: string };

export interface FuzzCase {
  route: string;
  index: number;
  seed: number;
  kind: string;
  what: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Bytes spliced into the UTF-8 of `body` at a position, to send text that is not UTF-8. */
  splice?: { at: number; bytes: number[] };
  /** Sent as a stream (no Content-Length), so the Worker learns the size only by reading. */
  streamed?: boolean;
  auth: Auth;
  /** The answer the contract fixes for this mutation (one of `codes`), when it fixes one. */
  expect?: { codes: readonly number[]; message?: RegExp };
}

const CONTENT_TYPE = "content-type";
// An empty Content-Type is not among them: it arrives as no header, which is accepted (docs/api.md).
const WRONG_TYPES = ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/html", "application/jsonx", "application/xml", "image/png", "*/*", "json", "application/"];
const RIGHT_TYPES = ["application/json; charset=utf-8", "APPLICATION/JSON", "application/vnd.api+json", "application/merge-patch+json"];
const OTHER_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "PROPFIND"];
const FIRST_BODY_CASES = ["oversized", "oversized", "deep-body", "wide-body", "lone-surrogate", "bad-utf8", "malformed", "non-object", "blank"];

export function buildCase(spec: RouteSpec, runSeed: number, index: number): FuzzCase {
  const seed = caseSeed(runSeed, spec.name, index);
  const rng = new Rng(seed);
  const ids = spec.ids?.() ?? [];
  const validPath = spec.path.replace("{id}", ids.length > 0 ? rng.pick(ids) : "1");
  const base: FuzzCase = {
    route: spec.name,
    index,
    seed,
    kind: "",
    what: "",
    method: spec.method,
    path: validPath + validQuery(rng, spec.query),
    headers: { ...spec.headers },
    auth: "key",
  };
  const validBody = spec.body?.();
  if (validBody !== undefined) {
    base.body = toJsonText(validBody);
    base.headers[CONTENT_TYPE] = "application/json";
  }
  // Every run starts with the same cases, however few it gets through: the request as it is
  // (the route's own answer), without a key and with a Starter key, the whole-body refusals
  // the contract fixes, and the route's signature refusals. The rest are drawn.
  const firsts = [
    "baseline",
    "no-key",
    "starter-key",
    ...(validBody !== undefined ? FIRST_BODY_CASES : []),
    ...(spec.signatures ?? []).map((_, i) => `signature ${i}`),
  ];
  const kind = firsts[index] ?? rng.weighted(kindsFor(spec, validBody !== undefined));
  const c: FuzzCase = { ...base, kind, headers: { ...base.headers } };
  const signature = kind.startsWith("signature ") ? spec.signatures?.[Number(kind.slice(10))] : undefined;
  if (kind === "baseline") return c;
  if (kind === "no-key" || kind === "starter-key") {
    c.auth = kind === "no-key" ? "none" : "starter";
    c.expect = authExpectation(spec, c.auth);
    return c;
  }
  if (signature) {
    c.body = toJsonText(signature.body);
    c.what = c.body.slice(0, 80);
    c.expect = { codes: [signature.code] };
    return c;
  }
  const refused = (message?: RegExp) => ({ codes: [40001], ...(message ? { message } : {}) });
  switch (kind) {
    case "field": {
      const mutation = rng.weighted<FieldMutation>([
        [5, "wrong-type"], [3, "null"], [2, "missing"], [4, "unknown-field"], [1, "huge-string"],
        [1, "huge-array"], [1, "deep"], [3, "metachar"], [3, "number"],
      ]);
      const mutated = mutateField(rng, validBody ?? {}, mutation);
      c.body = toJsonText(mutated.body);
      c.what = mutated.what;
      // Every body schema here is strict (docs/api.md: unknown fields are refused by name).
      if (mutated.unknownField) c.expect = refused();
      return c;
    }
    case "malformed":
      c.body = malformedJson(rng, base.body ?? "{}");
      c.what = c.body.slice(0, 60);
      // A character dropped into a string can leave valid JSON: then it is a field's problem.
      // An unclosed nest is refused for its depth before the parser sees it is unclosed.
      if (!parses(c.body)) c.expect = refused(/not valid JSON|body is empty|body nests arrays and objects/);
      return c;
    case "bad-utf8": {
      const text = base.body ?? "{}";
      c.splice = { at: rng.int(0, new TextEncoder().encode(text).length), bytes: rng.pick(BAD_UTF8) };
      c.what = `bytes ${c.splice.bytes.map((b) => b.toString(16)).join(" ")} at ${c.splice.at}`;
      // Spliced anywhere, even inside a character, these bytes leave a sequence that is not UTF-8.
      c.expect = refused(/^body is not valid UTF-8$/);
      return c;
    }
    case "non-object":
      c.body = nonObjectJson(rng);
      c.what = c.body;
      c.expect = refused();
      return c;
    case "blank":
      c.body = blankBody(rng);
      c.what = JSON.stringify(c.body);
      c.expect = refused(/body is empty/);
      return c;
    case "deep-body":
      c.body = deepBody(rng);
      c.what = `${c.body.length} characters of nesting`;
      // Refused before it is parsed, whatever fields it lacks (docs/api.md, what a body builds).
      c.expect = refused(/^body nests arrays and objects more than \d+ deep$/);
      return c;
    case "wide-body":
      c.body = wideBody(rng, validBody ?? {});
      c.what = `${c.body.length} characters, one array of too many values`;
      c.expect = refused(/^body holds more than \d+ values$/);
      return c;
    case "lone-surrogate":
      c.body = loneSurrogateBody(rng, validBody ?? {});
      c.what = c.body.slice(0, 80);
      c.expect = refused(/ is not well-formed Unicode: a lone surrogate /);
      return c;
    case "oversized":
      c.body = oversizedBody(validBody ?? {});
      c.streamed = firsts.indexOf("oversized") + 1 === index || rng.chance(0.5);
      c.what = `${c.body.length} bytes${c.streamed ? ", streamed" : ""}`;
      c.expect = refused(/larger than/);
      return c;
    case "content-type": {
      if (rng.chance(0.7)) {
        c.headers[CONTENT_TYPE] = rng.pick(WRONG_TYPES);
        c.expect = refused(/Content-Type/);
      } else if (rng.chance(0.5)) {
        delete c.headers[CONTENT_TYPE]; // a missing type is accepted (docs/api.md)
      } else {
        c.headers[CONTENT_TYPE] = rng.pick(RIGHT_TYPES);
      }
      c.what = c.headers[CONTENT_TYPE] ?? "(none)";
      return c;
    }
    case "duplicate-keys": {
      const text = base.body ?? "{}";
      const dup = `"${rng.pick(Object.keys(asObject(validBody)).concat("x"))}":${toJsonText(hostileValueLite(rng))}`;
      c.body = text.length > 2 ? `{${dup},${text.slice(1)}` : `{${dup}}`;
      c.what = dup.slice(0, 60);
      return c;
    }
    case "junk-body":
      c.body = rng.pick([malformedJson(rng, "{}"), nonObjectJson(rng), hugeString(rng), toJsonText({ x: new Raw("1e309") })]);
      c.headers[CONTENT_TYPE] = rng.pick([...WRONG_TYPES, "application/json"]);
      c.what = c.body.slice(0, 60);
      return c;
    case "method": {
      const allowed = spec.allowed ?? [spec.method];
      c.method = rng.pick(OTHER_METHODS.filter((m) => !allowed.includes(m)));
      if (c.method === "GET" || c.method === "HEAD") delete c.body;
      c.what = c.method;
      // HEAD is answered as GET without a body: the code cannot be read, only the status.
      if (c.method !== "HEAD" && spec.known !== false) c.expect = refused(new RegExp(`allowed: ${[...allowed].sort().join(", ")}`));
      return c;
    }
    case "path-id": {
      const segment = hostileSegment(rng);
      c.path = spec.path.replace("{id}", segment) + validQuery(rng, spec.query);
      c.what = segment.slice(0, 60);
      return c;
    }
    case "path-shape":
      c.path = rng.pick(pathShapes(validPath));
      c.what = c.path.slice(0, 60);
      return c;
    case "query": {
      c.path = validPath + hostileQuery(rng, spec.query);
      c.what = c.path.slice(validPath.length, validPath.length + 60);
      return c;
    }
    case "header": {
      const [name, value] = rng.pick<[string, string]>([
        ["x-http-method-override", "DELETE"],
        ["accept", "text/html"],
        ["accept-encoding", "gzip, br"],
        ["cookie", "x".repeat(8000)],
        ["x-forwarded-for", "' OR 1=1 --"],
        ["idempotency-key", rng.pick(["", " ", "k".repeat(256), "has space", "k\tk", "' OR 1=1 --", "fuzz-key", "fuzz-key"])],
        ["origin", "https://evil.example"],
        ["content-encoding", "gzip"],
      ]);
      c.headers[name] = value;
      c.what = `${name}: ${value.slice(0, 30)}`;
      return c;
    }
    case "auth": {
      const auth = rng.pick<Auth>([
        "none",
        "starter",
        "other-kind",
        { name: "authorization", value: `Bearer ${rng.pick(SQL_META)}` },
        { name: "authorization", value: `Bearer ${"t".repeat(5000)}` },
        { name: "authorization", value: "Basic dXNlcjpwYXNz" },
        { name: "authorization", value: "Bearer" },
        { name: "x-api-key", value: rng.pick(["", "' OR 1=1 --", "tmk_"]) },
      ]);
      c.auth = auth;
      c.what = typeof auth === "string" ? auth : `${auth.name}: ${auth.value.slice(0, 30)}`;
      c.expect = authExpectation(spec, auth);
      return c;
    }
    default:
      throw new Error(`unknown case kind ${kind}`);
  }
}

/** A credential that is missing or wrong is 40101; a Starter key on the user API is 40301. */
function authExpectation(spec: RouteSpec, auth: Auth): FuzzCase["expect"] {
  const kind = spec.credential ?? "api_key";
  if (kind === "none") return undefined;
  // A Starter workspace's agent token is a valid agent token: plans gate the user API only.
  if (auth === "starter") return kind === "api_key" ? { codes: [40301] } : undefined;
  return { codes: [40101] };
}

function kindsFor(spec: RouteSpec, hasBody: boolean): [number, string][] {
  const kinds: [number, string][] = [
    [6, "method"],
    [4, "path-shape"],
    [4, "header"],
    [4, "auth"],
    [spec.query ? 14 : 3, "query"],
  ];
  if (spec.path.includes("{id}")) kinds.push([10, "path-id"]);
  if (hasBody) {
    kinds.push([40, "field"], [8, "malformed"], [3, "non-object"], [2, "blank"], [1, "deep-body"], [1, "wide-body"], [2, "lone-surrogate"], [1, "oversized"], [2, "bad-utf8"], [5, "content-type"], [2, "duplicate-keys"]);
  } else if (spec.method !== "GET") {
    kinds.push([3, "junk-body"]);
  }
  return kinds;
}

/** As the Worker reads it: the body decoded as UTF-8, which drops a leading byte-order mark. */
function parses(text: string): boolean {
  try {
    JSON.parse(text.replace(/^\uFEFF/, ""));
    return true;
  } catch {
    return false;
  }
}

function asObject(value: Json | undefined): { [key: string]: Json } {
  return value !== null && value !== undefined && typeof value === "object" && !Array.isArray(value) && !(value instanceof Raw) ? value : {};
}

function hostileValueLite(rng: Rng): Json {
  return rng.pick<Json>([null, 1, "x", [], {}, true, rng.pick(SQL_META)]);
}
