import type { Context } from "hono";
import type { z } from "zod";
import { decodeUtf8, type JsonBounds, parseBoundedJson } from "../../shared/json/bounded-json";
import { validate } from "../../shared/validation";
import { invalid } from "./api-error";
import { readBodyBytes } from "./body-bytes";

/** Larger than any legitimate request (1,000 targets and a long config is about 100 KB). */
export const MAX_BODY_BYTES = 1_000_000;

/**
 * What a body may build once parsed, so that its memory is a small multiple of its bytes
 * (shared/json/bounded-json.ts). The largest legitimate body, a create for 1,000 targets,
 * holds about 2,100 values five deep.
 */
export const BODY_BOUNDS: JsonBounds = { maxDepth: 32, maxItems: 20_000, maxStringLength: 200_000 };

/**
 * Reads a JSON body and validates it. A declared non-JSON content type, a body that is not
 * JSON, one too large and one that breaks the schema are all 40001, each saying which.
 * A missing Content-Type is accepted, because TikMatrix clients written against a local
 * app sometimes leave it out.
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  return (await readJsonWithText(c, schema)).value;
}

/** readJson for a body a client may leave out (`POST /task/{id}/retry`): none reads as `{}`. */
export async function readOptionalJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  return (await readJsonWithText(c, schema, { optional: true })).value;
}

/** readJson, plus the body's text as sent (a request body can be read only once). */
export async function readJsonWithText<S extends z.ZodType>(c: Context, schema: S, options: { optional?: boolean } = {}): Promise<{ value: z.output<S>; text: string }> {
  const type = c.req.header("content-type");
  if (type !== undefined && !/^application\/([\w.+-]+\+)?json\b/i.test(type.trim())) {
    throw invalid(`Content-Type must be application/json, got ${JSON.stringify(type)}`);
  }
  const decoded = decodeUtf8(await readBodyBytes(c.req.raw, MAX_BODY_BYTES), "body");
  if (!decoded.ok) throw invalid(decoded.message);
  const sent = decoded.text;
  if (sent.trim() === "" && options.optional !== true) throw invalid("body is empty; a JSON object is required");
  const text = sent.trim() === "" ? "{}" : sent;
  const json = parseBoundedJson(text, BODY_BOUNDS, { what: "body" });
  if (!json.ok) throw invalid(json.message);
  const parsed = json.value;
  const reserved = reservedKeyIn(parsed);
  if (reserved !== undefined) throw invalid(`field "${reserved}" is not allowed`);
  const result = validate(schema, parsed);
  if (!result.ok) throw invalid(result.message);
  return { value: result.value, text };
}

// JSON.parse makes these ordinary own keys, but schemas that read a body as a record drop
// them silently; a client that sends one gets told rather than ignored.
const RESERVED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** The first reserved key anywhere in the value (iterative, like every walk of a client's value). */
function reservedKeyIn(value: unknown): string | undefined {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next !== "object" || next === null) continue;
    if (Array.isArray(next)) {
      // A loop, not push(...next): a 1 MB body can hold half a million elements.
      for (const item of next) stack.push(item);
      continue;
    }
    for (const key of Object.keys(next)) {
      if (RESERVED_KEYS.has(key)) return key;
      stack.push((next as Record<string, unknown>)[key]);
    }
  }
  return undefined;
}
