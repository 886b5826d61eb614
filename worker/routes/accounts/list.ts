import { and, count, eq, inArray, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { selectAccounts, toAccountJson } from "../../accounts/account-view";
import { platformSchema, tagSchema } from "../../accounts/fields";
import type { Db } from "../../db/client";
import { accounts, accountTags } from "../../db/schema";
import { serialSchema } from "../../devices/serial";
import type { AppEnv } from "../../env";
import { success } from "../../http/envelope";
import { offsetOf, pageQuery, readQuery } from "../../http/query";

const flagQuery = z.enum(["0", "1"]).transform((flag) => (flag === "1" ? 1 : 0));

const listQuery = z.object({
  platform: platformSchema.optional(),
  device: serialSchema.optional(),
  logined: flagQuery.optional(),
  status: flagQuery.optional(),
  tag: tagSchema.optional(),
  ...pageQuery,
});

type ListQuery = z.output<typeof listQuery>;

/** `GET /accounts`: TikMatrix's account list, oldest first so pages stay stable. */
export const listAccounts = new Hono<AppEnv>().get("/", async (c) => {
  const query = readQuery(c, listQuery);
  const db = c.get("db");
  const where = accountFilter(db, c.get("workspace").id, query);
  // One batch: the count and the page read the same snapshot, so `total` matches the rows.
  const [totals, rows] = await db.batch([
    db.select({ total: count() }).from(accounts).where(where),
    selectAccounts(db)
      .where(where)
      .orderBy(accounts.id)
      .limit(query.page_size)
      .offset(offsetOf(query.page, query.page_size)),
  ]);
  const now = Date.now();
  return success(c, {
    accounts: rows.map((row) => toAccountJson(row, now)),
    total: totals[0]?.total ?? 0,
    page: query.page,
    page_size: query.page_size,
  });
});

/** One WHERE for both the count and the page; every filter rides on a workspace-led index. */
function accountFilter(db: Db, workspaceId: string, query: ListQuery): SQL | undefined {
  return and(
    eq(accounts.workspaceId, workspaceId),
    query.platform === undefined ? undefined : eq(accounts.platform, query.platform),
    query.device === undefined ? undefined : eq(accounts.device, query.device),
    query.logined === undefined ? undefined : eq(accounts.logined, query.logined),
    query.status === undefined ? undefined : eq(accounts.status, query.status),
    // The tag's rows are found on account_tags' primary key (workspace, tag, account).
    query.tag === undefined
      ? undefined
      : inArray(
          accounts.id,
          db
            .select({ id: accountTags.accountId })
            .from(accountTags)
            .where(and(eq(accountTags.workspaceId, workspaceId), eq(accountTags.tag, query.tag))),
        ),
  );
}
