import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { CredentialKind } from "../../../shared/credentials";
import { workspaces } from "./workspaces";

/**
 * API keys (for users), agent tokens (for the PCs with phones), the dashboard's sessions and
 * its one-time sign-in links: separate kinds, so one can never act as another. Only a hash of
 * the secret is kept (shared/credentials.ts).
 */
export const credentials = sqliteTable(
  "credentials",
  {
    /** The public part of the credential, e.g. `tmk_3k9f…`. */
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    kind: text("kind").$type<CredentialKind>().notNull(),
    name: text("name").notNull(),
    secretHash: text("secret_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at"),
    revokedAt: integer("revoked_at"),
    /** Sessions and sign-in links end by themselves; keys and agent tokens never (null). */
    expiresAt: integer("expires_at"),
  },
  (t) => [index("credentials_workspace").on(t.workspaceId)],
);

export type Credential = typeof credentials.$inferSelect;
