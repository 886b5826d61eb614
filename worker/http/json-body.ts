import type { Context } from "hono";
import type { z } from "zod";
import { validate } from "../../shared/validation";
import { invalid } from "./api-error";

/** Larger than any legitimate request (1,000 targets and a long config is about 100 KB). */
export const MAX_BODY_BYTES = 1_000_000;

/**
 * Reads a JSON body and validates it. A declared non-JSON content type, a body that is not
 * JSON, one too large and one that breaks the schema are all 40001, each saying which.
 * A missing Content-Type is accepted, because TikMatrix clients written against a local
 * app sometimes leave it out.
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header("content-type");
  if (type !== undefined && !/^application\/([\w.+-]+\+)?json\b/i.test(type.trim())) {
    throw invalid(`Content-Type must be application/json, got ${JSON.stringify(type)}`);
  }
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw invalid(`body is larger than ${MAX_BODY_BYTES} bytes`);
  const text = await c.req.text();
  if (text.length > MAX_BODY_BYTES) throw invalid(`body is larger than ${MAX_BODY_BYTES} bytes`);
  if (text.trim() === "") throw invalid("body is empty; a JSON object is required");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw invalid(`body is not valid JSON: ${e instanceof Error ? e.message : "parse error"}`);
  }
  const result = validate(schema, parsed);
  if (!result.ok) throw invalid(result.message);
  return result.value;
}
