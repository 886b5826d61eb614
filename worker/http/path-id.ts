import { z } from "zod";
import { validate } from "../../shared/validation";
import { invalid } from "./api-error";

const pathIdSchema = z
  .string()
  .regex(/^[1-9]\d{0,15}$/, { message: "must be a positive integer" })
  .transform(Number)
  .pipe(z.number().int().max(Number.MAX_SAFE_INTEGER));

/** A row id in a path (`/accounts/{id}`): a malformed one is the client's mistake (40001), not a 40401. */
export function parsePathId(raw: string, name = "id"): number {
  const result = validate(pathIdSchema, raw, name);
  if (!result.ok) throw invalid(result.message);
  return result.value;
}
