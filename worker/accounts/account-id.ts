import { z } from "zod";
import { validate } from "../../shared/validation";
import { invalid } from "../http/api-error";

const accountIdSchema = z
  .string()
  .regex(/^[1-9]\d{0,15}$/, { message: "must be a positive integer" })
  .transform(Number)
  .pipe(z.number().int().max(Number.MAX_SAFE_INTEGER));

/** The `{id}` of `/accounts/{id}`: a malformed id is the client's mistake (40001), not a 40401. */
export function parseAccountId(raw: string): number {
  const result = validate(accountIdSchema, raw, "id");
  if (!result.ok) throw invalid(result.message);
  return result.value;
}
