import { and, eq, sql } from "drizzle-orm";
import type { Platform } from "../../shared/platforms";
import type { Db } from "../db/client";
import { accounts, accountTags } from "../db/schema";

/**
 * Which account: by id, or by its unique key when it is being created in the same batch
 * and has no id yet.
 */
export type TagTarget = { id: number } | { platform: Platform; username: string };

/**
 * Writes the tag rows of the one account `target` names. The tags travel as a single JSON
 * parameter expanded by json_each, so 50 tags bind as few parameters as one and the
 * statement stays far below D1's limit of 100. Selecting the account inside the statement
 * (rather than binding its id) lets a create put the account and its tags in one db.batch
 * before the new id is known.
 */
export function insertTags(db: Db, workspaceId: string, target: TagTarget, tags: readonly string[]) {
  const match =
    "id" in target
      ? eq(accounts.id, target.id)
      : and(eq(accounts.platform, target.platform), eq(accounts.username, target.username));
  return db
    .insert(accountTags)
    .select(
      sql`select ${accounts.workspaceId}, "tag_list"."value", ${accounts.id} from ${accounts}, json_each(${JSON.stringify(tags)}) as "tag_list" where ${and(eq(accounts.workspaceId, workspaceId), match)}`,
    );
}

export function deleteTags(db: Db, workspaceId: string, accountId: number) {
  return db
    .delete(accountTags)
    .where(and(eq(accountTags.workspaceId, workspaceId), eq(accountTags.accountId, accountId)));
}
