import { CREDENTIAL_KINDS, type CredentialKind } from "../../../shared/credentials";
import { z } from "zod";
import { UserError } from "../../lib/errors";
import type { Row } from "../../lib/d1";

/**
 * Shapes of the rows the admin reads back from D1, checked rather than cast: a schema
 * change the tools do not know about should fail loudly here, not print "undefined".
 */
export const workspaceRow = z.object({
  id: z.string(),
  name: z.string(),
  plan: z.string(),
  timezone: z.string(),
  default_platform: z.string(),
  max_retry_count: z.number(),
  retention_days: z.number(),
  shard: z.string(),
  created_at: z.number(),
});
export type WorkspaceRow = z.infer<typeof workspaceRow>;

/** A workspace with how many usable credentials it has, for listings. */
export const workspaceListingRow = workspaceRow.extend({
  active_api_keys: z.number(),
  active_agent_tokens: z.number(),
});
export type WorkspaceListing = z.infer<typeof workspaceListingRow>;

export const credentialRow = z.object({
  id: z.string(),
  workspace_id: z.string(),
  kind: z.enum(Object.keys(CREDENTIAL_KINDS) as [CredentialKind, ...CredentialKind[]]),
  name: z.string(),
  created_at: z.number(),
  last_used_at: z.number().nullable(),
  revoked_at: z.number().nullable(),
});
export type CredentialRow = z.infer<typeof credentialRow>;

export function parseRows<T>(schema: z.ZodType<T>, rows: readonly Row[]): T[] {
  return rows.map((row) => {
    const parsed = schema.safeParse(row);
    if (!parsed.success) {
      throw new UserError(`unexpected row from D1 (is the schema newer than these tools?): ${JSON.stringify(row)}`);
    }
    return parsed.data;
  });
}

export function firstRow<T>(schema: z.ZodType<T>, rows: readonly Row[]): T | undefined {
  return parseRows(schema, rows.slice(0, 1))[0];
}
