import { and, eq, sql } from "drizzle-orm";
import type { Platform } from "../../shared/platforms";
import type { Db } from "../db/client";
import { accounts, devices } from "../db/schema";
import { isOnline } from "../devices/presence";
import { attentionFromColumns } from "./attention";

/**
 * The columns of one account as the API shows it, password left out on purpose. Tags come
 * as a JSON array from a correlated sub-select on account_tags_account, so a page of
 * accounts is one query (no 1 + N, and no IN list that could pass D1's 100 parameters).
 */
export const accountColumns = {
  id: accounts.id,
  username: accounts.username,
  email: accounts.email,
  platform: accounts.platform,
  packageName: accounts.packageName,
  device: accounts.device,
  logined: accounts.logined,
  status: accounts.status,
  deviceModel: devices.model,
  deviceLastSeenAt: devices.lastSeenAt,
  deviceConnected: devices.connected,
  attentionReason: accounts.attentionReason,
  attentionCode: accounts.attentionCode,
  attentionTaskId: accounts.attentionTaskId,
  attentionAt: accounts.attentionAt,
  // Qualified by hand: drizzle leaves columns bare when a select has one table.
  tagsJson: sql<string>`(select json_group_array("own_tags"."tag") from "account_tags" as "own_tags" where "own_tags"."account_id" = "accounts"."id")`,
};

export interface AccountRow {
  id: number;
  username: string;
  email: string;
  platform: Platform;
  packageName: string | null;
  device: string | null;
  logined: number;
  status: number;
  deviceModel: string | null;
  deviceLastSeenAt: number | null;
  deviceConnected: number | null;
  attentionReason: string | null;
  attentionCode: number | null;
  attentionTaskId: number | null;
  attentionAt: number | null;
  tagsJson: string;
}

/** Accounts joined to their bound phone's row (absent when unbound). */
export function selectAccounts(db: Db) {
  return db
    .select(accountColumns)
    .from(accounts)
    .leftJoin(devices, and(eq(devices.workspaceId, accounts.workspaceId), eq(devices.serial, accounts.device)));
}

export async function findAccount(db: Db, workspaceId: string, id: number): Promise<AccountRow | undefined> {
  return selectAccounts(db)
    .where(and(eq(accounts.workspaceId, workspaceId), eq(accounts.id, id)))
    .get();
}

/**
 * TikMatrix's account object (its Accounts Status API): `device_name` is the bound phone's model
 * while it is online and "" otherwise (also when no phone is bound); `logined_text` and
 * `status_text` are its machine words.
 */
export function toAccountJson(row: AccountRow, now: number) {
  const online = row.device !== null && isOnline(row.deviceConnected ?? 0);
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    platform: row.platform,
    packagename: row.packageName,
    device: row.device,
    device_online: online,
    device_name: online ? (row.deviceModel ?? "") : "",
    logined: row.logined,
    logined_text: row.logined === 1 ? "logged_in" : "not_logged_in",
    status: row.status,
    status_text: row.status === 1 ? "disabled" : "enabled",
    tags: parseTags(row.tagsJson),
    needs_attention: attentionJson(row),
  };
}

/** Beyond TikMatrix's object: why a person must look at the account, or null (docs/scripts/account-states.md). */
function attentionJson(row: AccountRow) {
  const attention = attentionFromColumns({ reason: row.attentionReason, failCode: row.attentionCode, taskId: row.attentionTaskId, at: row.attentionAt });
  if (attention === null) return null;
  return { reason: attention.reason, fail_code: attention.failCode, task_id: attention.taskId, since: new Date(attention.at).toISOString() };
}

function parseTags(json: string): string[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) return [];
  return parsed.filter((tag): tag is string => typeof tag === "string").sort();
}
