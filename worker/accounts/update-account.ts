import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { validate } from "../../shared/validation";
import type { Db } from "../db/client";
import { accounts } from "../db/schema";
import { ensureDevice } from "../devices/ensure-device";
import { invalid, notFound } from "../http/api-error";
import { findAccount, toAccountJson } from "./account-view";
import { accountFields } from "./fields";
import { deleteTags, insertTags } from "./tags";
import { asUsernameConflict } from "./unique-username";

/** Beyond the writable fields: `needs_attention: null` clears the mark a task left (nothing else sets it). */
const updateFields = { ...accountFields, needs_attention: z.null() };

const updateBody = z
  .strictObject(updateFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, {
    message: `name at least one field to change (${Object.keys(updateFields).join(", ")})`,
  });

/**
 * Changes the named fields of one account of the workspace, the rest stay; `tags` replaces them
 * all. The one path for `PATCH /api/v1/accounts/{id}` and the dashboard's account page (save,
 * enable, disable, clear the mark). Refused with 40001 naming the field, 40401 for an account
 * that is not the workspace's (nothing written), 40901 for a username taken on that platform.
 */
export async function updateAccount(db: Db, workspaceId: string, id: number, input: unknown) {
  const parsed = validate(updateBody, input);
  if (!parsed.ok) throw invalid(parsed.message);
  const body = parsed.value;
  const mine = and(eq(accounts.workspaceId, workspaceId), eq(accounts.id, id));
  // Looked up first so that a 40401 writes nothing (not even a devices row for `device`).
  const existing = await db
    .select({ username: accounts.username, platform: accounts.platform })
    .from(accounts)
    .where(mine)
    .get();
  if (existing === undefined) throw notFound(`account ${id}`);

  const now = Date.now();
  const update = db
    .update(accounts)
    .set({
      username: body.username,
      platform: body.platform,
      email: body.email,
      password: body.password,
      packageName: body.packagename,
      device: body.device,
      logined: body.logined,
      status: body.status,
      ...(body.needs_attention === null ? { attentionReason: null, attentionCode: null, attentionTaskId: null, attentionAt: null } : {}),
      updatedAt: now,
    })
    .where(mine);
  const { tags, device } = body;
  try {
    await db.batch([
      update,
      ...(tags !== undefined ? [deleteTags(db, workspaceId, id)] : []),
      ...(tags !== undefined && tags.length > 0 ? [insertTags(db, workspaceId, { id }, tags)] : []),
      ...(typeof device === "string" ? [ensureDevice(db, workspaceId, device, now)] : []),
    ]);
  } catch (error) {
    throw asUsernameConflict(error, body.platform ?? existing.platform, body.username ?? existing.username);
  }
  const row = await findAccount(db, workspaceId, id);
  if (row === undefined) throw notFound(`account ${id}`); // deleted by a concurrent request
  return toAccountJson(row, Date.now());
}
