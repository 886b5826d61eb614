import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { parsePathId } from "../../http/path-id";
import { findAccount, toAccountJson } from "../../accounts/account-view";
import { accountFields } from "../../accounts/fields";
import { deleteTags, insertTags } from "../../accounts/tags";
import { asUsernameConflict } from "../../accounts/unique-username";
import { accounts } from "../../db/schema";
import { ensureDevice } from "../../devices/ensure-device";
import type { AppEnv } from "../../env";
import { notFound } from "../../http/api-error";
import { success } from "../../http/envelope";
import { readJson } from "../../http/json-body";

/** Beyond the writable fields: `needs_attention: null` clears the mark a task left (nothing else sets it). */
const updateFields = { ...accountFields, needs_attention: z.null() };

const updateBody = z
  .strictObject(updateFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, {
    message: `name at least one field to change (${Object.keys(updateFields).join(", ")})`,
  });

/** `PATCH /accounts/{id}`: the named fields change, the rest stay; `tags` replaces them all. */
export const updateAccount = new Hono<AppEnv>().patch("/:id", async (c) => {
  const id = parsePathId(c.req.param("id"));
  const body = await readJson(c, updateBody);
  const db = c.get("db");
  const workspaceId = c.get("workspace").id;
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
  return success(c, toAccountJson(row, Date.now()));
});
