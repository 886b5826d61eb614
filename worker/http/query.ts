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
  const given = Object.fromEntries(Object.entries(c.req.query()).filter(([, value]) => value !== ""));
  const result = validate(schema, given);
  if (!result.ok) throw invalid(result.message);
  return result.value;
}

export function offsetOf(page: number, pageSize: number): number {
  return (page - 1) * pageSize;
}
