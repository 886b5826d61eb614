import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { createAccount } from "./create";
import { deleteAccount } from "./delete";
import { listAccounts } from "./list";
import { updateAccount } from "./update";

/** `/api/v1/accounts`: one file per verb, mounted here. */
export const accountRoutes = new Hono<AppEnv>()
  .route("/", listAccounts)
  .route("/", createAccount)
  .route("/", updateAccount)
  .route("/", deleteAccount);
