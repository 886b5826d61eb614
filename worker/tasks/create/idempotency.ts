import { and, asc, eq, gt, lt, sql } from "drizzle-orm";
import { hashSecret } from "../../../shared/credentials";
import type { Db } from "../../db/client";
import { idempotencyKeys, tasks } from "../../db/schema";
import { conflict, invalid } from "../../http/api-error";

/** How long a create's answer is kept for repeats of its Idempotency-Key. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export interface IdempotencyClaim {
  key: string;
  requestHash: string;
}

export interface CreateAnswer {
  task_ids: number[];
  created_count: number;
}

/** The Idempotency-Key header, checked; undefined when the client sent none. */
export async function readIdempotencyKey(
  header: string | undefined,
  rawBody: string,
): Promise<IdempotencyClaim | undefined> {
  if (header === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(header)) {
    throw invalid("Idempotency-Key must be 1-255 printable ASCII characters without spaces");
  }
  return { key: header, requestHash: await hashSecret(rawBody) };
}

/**
 * The first answer given to this key, if it is still kept. The same key with another body
 * is refused: returning the first answer would hide that the second request was not made.
 */
export async function previousAnswer(
  db: Db,
  workspaceId: string,
  claim: IdempotencyClaim,
  now: number,
): Promise<CreateAnswer | undefined> {
  const row = await db
    .select()
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.workspaceId, workspaceId),
        eq(idempotencyKeys.key, claim.key),
        gt(idempotencyKeys.createdAt, now - IDEMPOTENCY_TTL_MS),
      ),
    )
    .get();
  if (row === undefined) return undefined;
  if (row.requestHash !== claim.requestHash) {
    throw conflict("Idempotency-Key was already used with a different request body");
  }
  const ids = JSON.parse(row.response) as number[];
  return { task_ids: ids, created_count: ids.length };
}

/**
 * Statements for the create's batch: drop this workspace's expired keys, then record the
 * key with the ids of the tasks the same batch made. The ids are read inside the batch,
 * so the key and the tasks are written together or not at all.
 */
export function recordAnswerStatements(db: Db, workspaceId: string, claim: IdempotencyClaim, requestId: string, now: number) {
  return [
    db
      .delete(idempotencyKeys)
      .where(and(eq(idempotencyKeys.workspaceId, workspaceId), lt(idempotencyKeys.createdAt, now - IDEMPOTENCY_TTL_MS))),
    db.insert(idempotencyKeys).select(() => {
      const made = db
        .select({ id: tasks.id })
        .from(tasks)
        .where(eq(tasks.requestId, requestId))
        .orderBy(asc(tasks.id))
        .as("made");
      return db
        .select({
          workspaceId: sql<string>`${workspaceId}`.as("workspace_id"),
          key: sql<string>`${claim.key}`.as("key"),
          requestHash: sql<string>`${claim.requestHash}`.as("request_hash"),
          response: sql<string>`json_group_array(${made.id})`.as("response"),
          createdAt: sql<number>`${now}`.as("created_at"),
        })
        .from(made);
    }),
  ] as const;
}

/** A concurrent create with the same key won the race: its batch holds the key. */
export function isDuplicateKeyError(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed: idempotency_keys/.test(String(error.message) + String(error.cause ?? ""));
}
