import { z } from "zod";
import { validate } from "../../shared/validation";
import type { Db } from "../db/client";
import { accounts, type Workspace } from "../db/schema";
import { ensureDevice } from "../devices/ensure-device";
import { invalid } from "../http/api-error";
import { findAccount, toAccountJson } from "./account-view";
import { accountFields } from "./fields";
import { insertTags } from "./tags";
import { asUsernameConflict } from "./unique-username";

/** Everything optional but the username; unknown fields are refused by name. */
const createBody = z.strictObject(accountFields).partial().extend({ username: accountFields.username });

/**
 * Creates one account, its tags and (if new) its phone's row, all or nothing: the one path for
 * `POST /api/v1/accounts` and the dashboard's "Add an account". Refused with 40001 naming the
 * field, or 40901 when the username is taken on that platform. The workspace is passed whole
 * (its id and default platform): an account without a platform gets the workspace's.
 */
export async function createAccount(db: Db, workspace: Pick<Workspace, "id" | "defaultPlatform">, input: unknown) {
  const parsed = validate(createBody, input);
  if (!parsed.ok) throw invalid(parsed.message);
  const body = parsed.value;
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
  return toAccountJson(row, Date.now());
}
