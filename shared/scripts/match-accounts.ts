import { z } from "zod";

/**
 * `script_config` of `match_accounts` (TikMatrix's match-accounts page: "does not require any
 * additional script_config parameters"): the agent reads which account each app package on the
 * phone shows logged in, and the server creates or binds those accounts (docs/scripts/match-accounts.md).
 */
export const matchAccountsConfigSchema = z.strictObject({});
