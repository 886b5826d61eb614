import { ApiCode, httpStatusOf } from "../../../shared/api-codes";

/**
 * What every answer of the API must be, whatever was sent: under 500, the envelope
 * `{code, message, data}` with a code of ApiCode, the HTTP status the code implies, and
 * nothing of the server's insides (stack frames, source paths, error class dumps, SQL).
 */

const CODES = new Set<number>(Object.values(ApiCode));

/** Signs of internals: a V8 stack frame, a source location, an error class dump, D1/SQLite text. */
const LEAKS: [RegExp, string][] = [
  [/\n\s*at\s|\bat\s+[\w$.<>]+\s+\([^)]*:\d+:\d+\)/, "a stack frame"],
  [/\.(ts|js|mjs):\d+/, "a source location"],
  [/\b(?:[A-Z]\w*)?Error:\s/, "an error class dump"],
  [/\bD1_|SQLITE_|sqlite|no such (?:table|column)|SQL variables/i, "database internals"],
];

export interface Checked {
  /** The envelope's code; for an answer without a readable body, the HTTP status negated. */
  code: number;
  message: string;
  problems: string[];
}

/** Outside /api (in any case, after the URL parser's own normalising) is the dashboard's (worker/web/). */
function isDashboardPath(path: string): boolean {
  const pathname = new URL(path, "https://fuzz.test").pathname.toLowerCase();
  return pathname !== "/api" && !pathname.startsWith("/api/");
}

export async function checkAnswer(method: string, path: string, response: Response): Promise<Checked> {
  const problems: string[] = [];
  const text = await response.text();
  if (response.status >= 500) problems.push(`status ${response.status}`);
  if (method === "HEAD") {
    // Answered as GET with the body dropped: the status is all there is to check.
    if (text !== "") problems.push("a HEAD answer with a body");
    return { code: response.status === 200 ? 0 : -response.status, message: "", problems };
  }
  const type = response.headers.get("content-type") ?? "";
  if (isDashboardPath(path)) {
    // The URL parser moved it out of /api (`/api/v1/..\..\` is `/`): the dashboard answers,
    // a page or a redirect to sign-in, never the API's envelope; still never a 500 or a leak.
    if (!(response.headers.get("content-security-policy") ?? "").includes("default-src 'none'")) problems.push("a dashboard answer without its CSP");
    for (const [pattern, what] of LEAKS) if (pattern.test(text)) problems.push(`leaks ${what}: ${text.slice(0, 300)}`);
    return { code: -response.status, message: "", problems };
  }
  if (response.status === 200 && /^image\//.test(type) && /\/screenshot\/?(\?|$)/.test(path)) {
    return { code: 0, message: "", problems }; // the screenshot itself, by design (docs/api.md)
  }
  if (response.status === 200 && /^application\/x-ndjson/.test(type) && /\/task\/export\/?(\?|$)/.test(path)) {
    // The history export, by design (docs/api.md "History"): one JSON object a line.
    for (const line of text.split("\n").filter((l) => l !== "")) {
      try {
        JSON.parse(line);
      } catch {
        problems.push(`an export line that is not JSON: ${line.slice(0, 200)}`);
      }
    }
    return { code: 0, message: "", problems };
  }
  // A success answer carries the client's own data back (a tag may read "TypeError: x"),
  // so only refusals and unreadable answers are searched for internals.
  const leaks = () => {
    for (const [pattern, what] of LEAKS) if (pattern.test(text)) problems.push(`leaks ${what}: ${text.slice(0, 300)}`);
  };
  if (!/^application\/json/.test(type)) problems.push(`Content-Type ${JSON.stringify(type)}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    leaks();
    problems.push(`not JSON: ${text.slice(0, 200)}`);
    return { code: -response.status, message: "", problems };
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    leaks();
    problems.push(`not an envelope: ${text.slice(0, 200)}`);
    return { code: -response.status, message: "", problems };
  }
  const { code, message } = body as { code?: unknown; message?: unknown };
  if (code !== 0) leaks();
  const keys = Object.keys(body).sort().join(",");
  if (keys !== "code,data,message") problems.push(`envelope keys ${keys}`);
  if (typeof code !== "number" || !CODES.has(code)) {
    problems.push(`code ${JSON.stringify(code)} is not an ApiCode`);
    return { code: -response.status, message: String(message), problems };
  }
  if (response.status !== httpStatusOf(code as ApiCode)) problems.push(`status ${response.status} for code ${code}`);
  if (typeof message !== "string" || message === "") problems.push(`message ${JSON.stringify(message)}`);
  return { code, message: typeof message === "string" ? message : "", problems };
}
