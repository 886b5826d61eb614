import { parsePathId } from "../http/path-id";

/** The `{id}` of `/accounts/{id}`: a malformed id is the client's mistake (40001), not a 40401. */
export function parseAccountId(raw: string): number {
  return parsePathId(raw);
}
