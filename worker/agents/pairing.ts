import { and, eq, gt, isNotNull, isNull, lt, sql } from "drizzle-orm";
import { base64url, generateCredential, hashSecret } from "../../shared/credentials";
import { newPairingCode } from "../../shared/pairing-code";
import type { DirectoryDb } from "../shards/directory";
import { agentPairings, credentials, workspaces } from "../db/schema";
import { ApiError, conflict } from "../http/api-error";
import { ApiCode } from "../../shared/api-codes";

/** How long a code can be approved and then collected: long enough to walk to another PC. */
export const PAIRING_MS = 10 * 60_000;
/** How often the agent asks whether it was approved. */
export const PAIRING_POLL_MS = 2_000;
/** Pairings waiting at once across the deployment: anyone may start one, so their number is bounded. */
export const MAX_OPEN_PAIRINGS = 10_000;

export interface PairingStarted {
  code: string;
  poll_token: string;
  expires_at: string;
  poll_interval_ms: number;
}

/**
 * An agent asks to be paired: it gets the code to show and a secret to poll with (only its
 * hash is kept). Needs no credential, which is the point, so the open pairings are bounded.
 */
export async function startPairing(db: DirectoryDb, name: string, now = Date.now()): Promise<PairingStarted> {
  const open = await db.select({ n: sql<number>`count(*)` }).from(agentPairings).where(gt(agentPairings.expiresAt, now)).get();
  if ((open?.n ?? 0) >= MAX_OPEN_PAIRINGS) throw new ApiError(ApiCode.RateLimited, "too many agents are waiting to be paired right now; try again in a few minutes");
  const secret = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const pollToken = `tmp_${secret}`;
  const expiresAt = now + PAIRING_MS;
  for (let attempt = 0; ; attempt++) {
    const code = newPairingCode();
    try {
      await db.insert(agentPairings).values({ id: crypto.randomUUID(), code, pollHash: await hashSecret(pollToken), name, createdAt: now, expiresAt });
      return { code, poll_token: pollToken, expires_at: new Date(expiresAt).toISOString(), poll_interval_ms: PAIRING_POLL_MS };
    } catch (error) {
      // A code still alive from another pairing (40 bits: rare): draw again.
      if (attempt >= 3 || !String(error).includes("UNIQUE")) throw error;
    }
  }
}

export type PairingPoll = { status: "waiting"; expires_at: string } | { status: "approved"; token: string; workspace: string };

/**
 * The agent asks whether it was approved. Once it was, this poll makes its agent token (the
 * pairing is consumed and the credential inserted in one batch, so a token is made once);
 * a later poll, or an expired or unknown secret, is 40401.
 */
export async function pollPairing(db: DirectoryDb, pollToken: string, now = Date.now()): Promise<PairingPoll> {
  const pollHash = await hashSecret(pollToken);
  const row = await db.select().from(agentPairings).where(and(eq(agentPairings.pollHash, pollHash), gt(agentPairings.expiresAt, now), isNull(agentPairings.consumedAt))).get();
  if (row === undefined) throw new ApiError(ApiCode.NotFound, "this pairing expired (after 10 minutes), was used already, or was never made: run pair again");
  if (row.approvedAt === null) return { status: "waiting", expires_at: new Date(row.expiresAt).toISOString() };
  const credential = await generateCredential("agent_token");
  await db.batch([
    db
      .update(agentPairings)
      .set({ consumedAt: now, credentialId: credential.id })
      .where(and(eq(agentPairings.id, row.id), isNull(agentPairings.consumedAt), isNotNull(agentPairings.approvedAt))),
    db
      .insert(credentials)
      .select(
        sql`select ${credential.id}, ${agentPairings.workspaceId}, 'agent_token', 'agent on ' || ${agentPairings.name}, ${credential.secretHash}, ${now}, null, null, null from ${agentPairings} where ${and(eq(agentPairings.id, row.id), eq(agentPairings.credentialId, credential.id))}`,
      ),
  ]);
  const made = await db.select({ id: credentials.id, workspace: workspaces.name }).from(credentials).innerJoin(workspaces, eq(workspaces.id, credentials.workspaceId)).where(eq(credentials.id, credential.id)).get();
  // Another poll with the same secret won the batch: it has the token, this one has nothing to give.
  if (made === undefined) throw new ApiError(ApiCode.NotFound, "this pairing was used already: run pair again");
  return { status: "approved", token: credential.token, workspace: made.workspace };
}

/** A person approves the code an agent shows, into their workspace. */
export async function approvePairing(db: DirectoryDb, workspaceId: string, code: string, now = Date.now()): Promise<{ name: string }> {
  const row = await db.select().from(agentPairings).where(and(eq(agentPairings.code, code), gt(agentPairings.expiresAt, now), isNull(agentPairings.consumedAt))).get();
  if (row === undefined) throw new ApiError(ApiCode.NotFound, `no agent is waiting with pairing code ${code}: codes live 10 minutes; check the agent's screen, or run pair again`);
  if (row.approvedAt !== null) throw conflict(`pairing code ${code} was approved already`);
  const approved = await db
    .update(agentPairings)
    .set({ workspaceId, approvedAt: now })
    .where(and(eq(agentPairings.id, row.id), isNull(agentPairings.approvedAt)))
    .returning({ name: agentPairings.name })
    .get();
  if (approved === undefined) throw conflict(`pairing code ${code} was approved already`);
  return approved;
}

/** Expired pairings leave after a day (the Cron Trigger), at most `limit` a run. */
export async function sweepPairings(db: DirectoryDb, now: number, limit = 500): Promise<number> {
  const stale = db.select({ id: agentPairings.id }).from(agentPairings).where(lt(agentPairings.expiresAt, now - 86_400_000)).limit(limit);
  const deleted = await db.delete(agentPairings).where(sql`${agentPairings.id} in ${stale}`).returning({ id: agentPairings.id });
  return deleted.length;
}
