import { and, eq, sql } from "drizzle-orm";
import type { FailCode } from "../../shared/fail-codes";
import { TaskStatus } from "../../shared/task-status";
import type { Db } from "../db/client";
import { accounts, tasks } from "../db/schema";

/**
 * An account a person must look at (docs/scripts/account-states.md). A task that ended on a
 * logged-out app, a captcha, a restriction or a ban marks its account. The account's further
 * tasks then fail at dispatch with 1015 instead of meeting the same screen, until a user clears
 * the mark with `PATCH /api/v1/accounts/{id}` `{"needs_attention": null}`.
 */
export interface Attention {
  reason: string;
  failCode: number;
  taskId: number;
  at: number;
}

/**
 * Marks the account of the task, in the batch that ends the attempt: only when that attempt
 * ended the task failed (a stale result changes nothing), and only a task of a named account
 * (a device-mode task has no account to mark).
 */
export function markAttentionStatement(db: Db, workspaceId: string, taskId: number, attemptId: string, failCode: FailCode, reason: string, now: number) {
  const ended = db
    .select({ accountId: tasks.accountId })
    .from(tasks)
    .where(and(eq(tasks.id, taskId), eq(tasks.workspaceId, workspaceId), eq(tasks.attemptId, attemptId), eq(tasks.status, TaskStatus.Failed)));
  return db
    .update(accounts)
    .set({ attentionReason: reason.slice(0, 1000), attentionCode: failCode, attentionTaskId: taskId, attentionAt: now, updatedAt: now })
    .where(and(eq(accounts.workspaceId, workspaceId), sql`${accounts.id} = (${ended})`));
}

/** The mark's columns, as attentionFromColumns reads them (the claim reads them in its batch, d1-claim.ts). */
export const attentionColumns = {
  reason: accounts.attentionReason,
  failCode: accounts.attentionCode,
  taskId: accounts.attentionTaskId,
  at: accounts.attentionAt,
};

/** The mark as the API shows it, from the account's columns; null when there is none. */
export function attentionFromColumns(row: { reason: string | null; failCode: number | null; taskId: number | null; at: number | null } | undefined): Attention | null {
  if (row?.reason == null || row.failCode === null || row.taskId === null || row.at === null) return null;
  return { reason: row.reason, failCode: row.failCode, taskId: row.taskId, at: row.at };
}

/** The remark of a task that fails at dispatch because its account is marked. */
export function attentionRemark(username: string | null, attention: Attention): string {
  return `account @${username ?? "?"} needs a person: task ${attention.taskId} ended with ${attention.failCode} (${attention.reason.slice(0, 600)}); clear it with PATCH /api/v1/accounts/{id} {"needs_attention": null} once it is handled`;
}
