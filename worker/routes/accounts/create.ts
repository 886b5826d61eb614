import { Hono } from "hono";
import { z } from "zod";
import { findAccount, toAccountJson } from "../../accounts/account-view";
import { accountFields } from "../../accounts/fields";
import { insertTags } from "../../accounts/tags";
import { asUsernameConflict } from "../../accounts/unique-username";
import { accounts } from "../../db/schema";
import { ensureDevice } from "../../devices/ensure-device";
import type { AppEnv } from "../../env";
import { success } from "../../http/envelope";
import { readJson } from "../../http/json-body";

/** Everything optional but the username; unknown fields are refused by name. */
const createBody = z.strictObject(accountFields).partial().extend({ username: accountFields.username });

/** `POST /accounts`: one account, its tags and (if new) its phone's row, all or nothing. */
export const createAccount = new Hono<AppEnv>().post("/", async (c) => {
  const body = await readJson(c, createBody);
  const db = c.get("db");
  const workspace = c.get("workspace");
  const platform = body.platform ?? workspace.defaultPlatform;
  const now = Date.now();
  const insert = db
    .insert(accounts)
    .values({
      workspaceId: workspace.id,
      username: body.username,
      platform,
      email: body.email ?? "",
      password: body.password ?? null,
      packageName: body.packagename ?? null,
      device: body.device ?? null,
      logined: body.logined ?? 0,
      status: body.status ?? 0,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: accounts.id });
  const tags = body.tags ?? [];
  const device = body.device ?? null;
  let id: number | undefined;
  try {
    const [inserted] = await db.batch([
      insert,
      ...(tags.length > 0 ? [insertTags(db, workspace.id, { platform, username: body.username }, tags)] : []),
      ...(device !== null ? [ensureDevice(db, workspace.id, device, now)] : []),
    ]);
    id = inserted[0]?.id;
  } catch (error) {
    throw asUsernameConflict(error, platform, body.username);
  }
  const row = id === undefined ? undefined : await findAccount(db, workspace.id, id);
  // The batch succeeded, so the row exists unless a delete raced in between.
  if (row === undefined) throw new Error(`account ${String(id)} vanished right after its create`);
  return success(c, toAccountJson(row, Date.now()));
});
