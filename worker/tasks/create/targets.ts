import { and, asc, eq } from "drizzle-orm";
import { ApiCode } from "../../../shared/api-codes";
import type { Platform } from "../../../shared/platforms";
import type { Db } from "../../db/client";
import { inList } from "../../db/in-list";
import { accounts, type Workspace } from "../../db/schema";
import { ApiError, invalid } from "../../http/api-error";
import { groupBy } from "../../util/group-by";
import { MAX_TARGETS, type TargetSpec } from "./request";

/** One task to make: which phone, and which account on it (null: whoever is logged in). */
export interface Target {
  serial: string;
  username: string | null;
  accountId: number | null;
  platform: Platform;
  packageName: string | null;
}

const ACCOUNT_STATUS_ENABLED = 0;

/**
 * Turns serials or usernames into targets, in the order the client listed them. Anything
 * that cannot be resolved fails the whole create before a row is written.
 */
export async function resolveTargets(db: Db, workspace: Workspace, spec: TargetSpec, tasksPerTarget = 1): Promise<Target[]> {
  const targets =
    spec.mode === "usernames"
      ? await byUsername(db, workspace, spec.usernames)
      : spec.multiAccount
        ? await byDeviceAccounts(db, workspace, spec.serials)
        : spec.serials.map((serial) => deviceTarget(workspace, serial));
  const count = targets.length * tasksPerTarget;
  if (count > MAX_TARGETS) {
    const each = tasksPerTarget > 1 ? ` (${targets.length} phones or accounts × ${tasksPerTarget} targets)` : "";
    throw invalid(`this create would make ${count} tasks${each}; at most ${MAX_TARGETS} per request`);
  }
  return targets;
}

function deviceTarget(workspace: Workspace, serial: string): Target {
  return { serial, username: null, accountId: null, platform: workspace.defaultPlatform, packageName: null };
}

function accountTarget(account: typeof accounts.$inferSelect & { device: string }): Target {
  return {
    serial: account.device,
    username: account.username,
    accountId: account.id,
    platform: account.platform,
    packageName: account.packageName,
  };
}

/**
 * Account mode: every account with that username (a name can exist once per platform).
 * Unknown, unbound and disabled accounts are 40004 together, so the client fixes all at once.
 */
async function byUsername(db: Db, workspace: Workspace, usernames: string[]): Promise<Target[]> {
  const found = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.workspaceId, workspace.id), inList(accounts.username, [...new Set(usernames)])))
    .orderBy(asc(accounts.id))
    .all();
  const problems: string[] = [];
  const targets: Target[] = [];
  const byName = groupBy(found, (a) => a.username);
  for (const username of usernames) {
    const matches = byName.get(username) ?? [];
    const usable = matches.filter((a) => a.device !== null && a.status === ACCOUNT_STATUS_ENABLED);
    if (matches.length === 0) problems.push(`@${username} is not a known account`);
    else if (usable.length === 0) {
      problems.push(
        matches.some((a) => a.device !== null) ? `@${username} is disabled` : `@${username} is not bound to a device`,
      );
    }
    for (const account of usable) if (account.device !== null) targets.push(accountTarget({ ...account, device: account.device }));
  }
  if (problems.length > 0) throw new ApiError(ApiCode.UsernameNotBound, `usernames: ${problems.slice(0, 20).join("; ")}`);
  return targets;
}

/** enable_multi_account: one task per enabled account bound to each phone, by account id. */
async function byDeviceAccounts(db: Db, workspace: Workspace, serials: string[]): Promise<Target[]> {
  const bound = await db
    .select()
    .from(accounts)
    .where(
      and(
        eq(accounts.workspaceId, workspace.id),
        inList(accounts.device, [...new Set(serials)]),
        eq(accounts.status, ACCOUNT_STATUS_ENABLED),
      ),
    )
    .orderBy(asc(accounts.id))
    .all();
  const targets: Target[] = [];
  const empty: string[] = [];
  const byDevice = groupBy(bound, (a) => a.device ?? "");
  for (const serial of serials) {
    const onDevice = byDevice.get(serial) ?? [];
    if (onDevice.length === 0) empty.push(serial);
    for (const account of onDevice) targets.push(accountTarget({ ...account, device: serial }));
  }
  if (empty.length > 0) {
    throw invalid(
      `enable_multi_account: no enabled account is bound to ${empty.slice(0, 20).map((s) => JSON.stringify(s)).join(", ")}`,
    );
  }
  return targets;
}
