import { and, eq, isNotNull } from "drizzle-orm";
import { PLATFORMS, type Platform } from "../../../shared/platforms";
import { selectAccounts, toAccountJson } from "../../accounts/account-view";
import type { Db } from "../../db/client";
import { accounts } from "../../db/schema";

/** Accounts a page shows at most (a studio has tens to hundreds); the API pages past it. */
const MAX_ACCOUNTS = 500;

export interface AccountFilters {
  platform: Platform | undefined;
  /** Only the accounts a task left on a screen a person must handle. */
  attention: boolean;
}

export function accountFiltersOf(query: (name: string) => string | undefined): AccountFilters {
  const platform = query("platform");
  return { platform: PLATFORMS.includes(platform as Platform) ? (platform as Platform) : undefined, attention: query("attention") === "1" };
}

/** The workspace's accounts as the API shows them (same view, same presence rule), by username. */
export async function accountList(db: Db, workspaceId: string, filters: AccountFilters, now = Date.now()) {
  const rows = await selectAccounts(db)
    .where(
      and(
        eq(accounts.workspaceId, workspaceId),
        filters.platform === undefined ? undefined : eq(accounts.platform, filters.platform),
        filters.attention ? isNotNull(accounts.attentionReason) : undefined,
      ),
    )
    .orderBy(accounts.username)
    .limit(MAX_ACCOUNTS)
    .all();
  return rows.map((row) => toAccountJson(row, now));
}

export type AccountItem = Awaited<ReturnType<typeof accountList>>[number];
