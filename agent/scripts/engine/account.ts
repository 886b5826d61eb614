import { FailCode } from "../../../shared/fail-codes";
import type { AppData, TapStep } from "../apps/app-data";
import { fillSelector } from "../ui/selector";
import type { ScreenWalker } from "../ui/screen-walker";
import { ScriptFailure } from "./script-failure";

/**
 * Makes `username` the app's logged-in account: reads the name on the profile screen and,
 * when it is another, switches through the account list, then reads it again. The app must
 * be in front on its start screen. Names compare case-insensitively, as both apps treat them.
 */
export async function ensureAccount(walker: ScreenWalker, app: AppData, username: string, timeoutMs: number, note: (message: string) => Promise<void>): Promise<void> {
  const wanted = username.replace(/^@/, "");
  await tapAll(walker, app.account.open, {}, timeoutMs);
  const current = await readAccount(walker, app, timeoutMs);
  if (same(current, wanted)) {
    await note(`logged in as @${current}`);
    return;
  }
  await note(`logged in as @${current}; switching to @${wanted}`);
  try {
    await tapAll(walker, app.account.switch, { username: wanted, current }, timeoutMs);
  } catch (error) {
    throw new ScriptFailure(FailCode.UiStepNotFound, `account @${wanted} is not logged in on this phone (the app shows @${current}): ${error instanceof Error ? error.message : String(error)}`);
  }
  const switched = await readAccount(walker, app, timeoutMs);
  if (!same(switched, wanted)) throw new ScriptFailure(FailCode.UiStepNotFound, `switching to @${wanted} failed: the app shows @${switched}`);
  await note(`switched to @${switched}`);
}

/** The account the app shows logged in (from its start screen to its profile), as it spells it. */
export async function loggedInAccount(walker: ScreenWalker, app: AppData, timeoutMs: number): Promise<string> {
  await tapAll(walker, app.account.open, {}, timeoutMs);
  return readAccount(walker, app, timeoutMs);
}

async function tapAll(walker: ScreenWalker, steps: readonly TapStep[], values: Record<string, string>, timeoutMs: number): Promise<void> {
  for (const step of steps) {
    await walker.tap(step.name, step.find.map((selector) => fillSelector(selector, values)), (step.timeout_s ?? timeoutMs / 1000) * 1000);
  }
}

async function readAccount(walker: ScreenWalker, app: AppData, timeoutMs: number): Promise<string> {
  const { current } = app.account;
  const pattern = new RegExp(current.pattern, "iu");
  const sighting = await walker.waitFor("logged-in account name", current.find, timeoutMs);
  const text = sighting.target.node?.text.trim() ?? "";
  const name = pattern.exec(text)?.[1];
  if (name === undefined) throw new ScriptFailure(FailCode.UiStepNotFound, `cannot read the logged-in account from "${text.slice(0, 100)}"`);
  return name;
}

function same(a: string, b: string): boolean {
  return a.localeCompare(b, undefined, { sensitivity: "accent" }) === 0;
}
