import { FailCode } from "../../../shared/fail-codes";
import { AdbError, DeviceGoneError } from "../../adb/errors";
import type { ExecutionContext, RunOutcome } from "../../runner";
import type { AccountState } from "../apps/app-data";
import { AccountStateSeen, StepNotFound } from "../ui/screen-walker";
import { ScriptFailure } from "./script-failure";

/** The last dump is logged in pieces of this size (a log line holds 4,000 characters). */
const DUMP_PIECE = 3_900;
const DUMP_PIECES_MAX = 8;

const ACCOUNT_STATE_CODES: Readonly<Record<AccountState, FailCode>> = {
  logged_out: FailCode.AccountLoggedOut,
  verification: FailCode.AccountVerification,
  restricted: FailCode.AccountRestricted,
  banned: FailCode.AccountBanned,
};

const ACCOUNT_STATE_WORDS: Readonly<Record<AccountState, string>> = {
  logged_out: "the app is logged out",
  verification: "the app asks for a verification",
  restricted: "the app restricts the account for now",
  banned: "the account is banned or suspended",
};

/** A failure that shows on the screen: the task's screenshot is taken of it. */
export function isOnScreen(error: unknown): boolean {
  return error instanceof StepNotFound || error instanceof ScriptFailure || error instanceof AccountStateSeen;
}

/**
 * What a script's failure reports, by its kind: an element that never showed (with the last
 * dump in the log), an account state a person must handle, the phone gone, adb failing. A stop
 * or a deadline is rethrown for the runner, which reports those; so is anything unexpected.
 */
export async function failureOutcome(error: unknown, context: ExecutionContext): Promise<RunOutcome> {
  const fail = (failCode: FailCode, remark: string): RunOutcome => ({ ok: false, failCode, remark: remark.slice(0, 1000), posted: false });
  if (error instanceof ScriptFailure) return fail(error.failCode, error.message);
  if (error instanceof AccountStateSeen) return fail(ACCOUNT_STATE_CODES[error.state], `${ACCOUNT_STATE_WORDS[error.state]}: ${error.message}; a person must handle it on the phone`);
  if (error instanceof StepNotFound) {
    await context.log("error", `${error.message}; the screen's last UI dump follows`);
    const dump = error.lastDump;
    for (let piece = 0; piece < Math.min(DUMP_PIECES_MAX, Math.ceil(dump.length / DUMP_PIECE)); piece++) {
      await context.log("error", `ui dump ${piece + 1}: ${dump.slice(piece * DUMP_PIECE, (piece + 1) * DUMP_PIECE)}`);
    }
    return fail(FailCode.UiStepNotFound, error.message);
  }
  if (error instanceof DeviceGoneError) return fail(FailCode.DeviceOffline, error.message);
  if (error instanceof AdbError) return fail(FailCode.AdbError, error.message);
  throw error;
}
