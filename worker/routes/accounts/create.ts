import { Hono } from "hono";
import { z } from "zod";
import { createAccount as create } from "../../accounts/create-account";
import type { AppEnv } from "../../env";
import { success } from "../../http/envelope";
import { readJson } from "../../http/json-body";

/** `POST /accounts`: one account, its tags and (if new) its phone's row, all or nothing (worker/accounts/create-account.ts). */
export const createAccount = new Hono<AppEnv>().post("/", async (c) => {
  const body = await readJson(c, z.unknown());
  return success(c, await create(c.get("db"), c.get("workspace"), body));
});
