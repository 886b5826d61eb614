import type { Context } from "hono";
import { z } from "zod";
import { validate } from "../../shared/validation";
import { invalid } from "./api-error";

/**
 * Query strings arrive as text: these turn `?page=2` into numbers with the same
 * field-naming 40001 messages as bodies. Unknown query parameters are ignored, as HTTP
 * clients commonly add their own (cache busters, tracing), and an empty one (`?status=`)
 * means "not given": form-built clients send every field, filled or not.
 */
export const queryInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^-?\d{1,10}$/, { message: "must be a whole number" })
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

export const pageQuery = {
  page: queryInt(1, 1_000_000).default(1),
  page_size: queryInt(1, 100).default(20),
};

export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const undecodable = undecodableParameter(new URL(c.req.url).search);
  if (undecodable !== undefined) throw invalid(undecodable);
  const given = Object.fromEntries(Object.entries(c.req.query()).filter(([, value]) => value !== ""));
  const result = validate(schema, given);
  if (!result.ok) throw invalid(result.message);
  return result.value;
}

export function offsetOf(page: number, pageSize: number): number {
  return (page - 1) * pageSize;
}

/**
 * hono hands on a parameter whose percent-encoding is not UTF-8 (`?username=%ED%A0%80`, a
 * lone surrogate) as its raw text, so a filter would silently compare against "%ED%A0%80".
 * Such a parameter is refused instead, by name.
 */
function undecodableParameter(search: string): string | undefined {
  for (const pair of search.replace(/^\?/, "").split("&")) {
    const equals = pair.indexOf("=");
    const name = equals === -1 ? pair : pair.slice(0, equals);
    for (const part of [name, equals === -1 ? "" : pair.slice(equals + 1)]) {
      try {
        decodeURIComponent(part);
      } catch {
        return `query parameter ${JSON.stringify(name.slice(0, 64))} is not well-formed: its percent-encoding is not UTF-8`;
      }
    }
  }
  return undefined;
}
