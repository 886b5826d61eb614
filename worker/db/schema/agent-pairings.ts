import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

/**
 * An agent waiting to be approved (`tikmatrix-agent pair`): it shows `code`, a person approves
 * it into a workspace, and the agent's next poll (proving the secret whose hash is `pollHash`)
 * receives a new agent token, once. Nothing secret is stored: the token is made at that poll.
 */
export const agentPairings = sqliteTable(
  "agent_pairings",
  {
    id: text("id").primaryKey(),
    code: text("code").notNull(),
    pollHash: text("poll_hash").notNull(),
    /** What the agent calls its PC (its host name), shown to whoever approves it. */
    name: text("name").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    workspaceId: text("workspace_id").references(() => workspaces.id, { onDelete: "cascade" }),
    approvedAt: integer("approved_at"),
    /** When the agent took its token: a pairing gives one token, ever. */
    consumedAt: integer("consumed_at"),
    credentialId: text("credential_id"),
  },
  (t) => [uniqueIndex("agent_pairings_code").on(t.code), uniqueIndex("agent_pairings_poll").on(t.pollHash), index("agent_pairings_expiry").on(t.expiresAt)],
);

export type AgentPairing = typeof agentPairings.$inferSelect;
