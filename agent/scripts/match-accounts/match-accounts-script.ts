import { PLATFORMS, type Platform } from "../../../shared/platforms";
import type { FoundAccount, RunMessage } from "../../../shared/protocol/messages";
import { matchAccountsConfigSchema } from "../../../shared/scripts/match-accounts";
import { canonicalTarget } from "../../../shared/scripts/targets";
import { shellLine } from "../../adb/shell-text";
import type { ExecutionContext, RunOutcome, ScriptExecutor } from "../../runner";
import { loggedInAccount } from "../engine/account";
import { findApp, openApp, type ScriptSetup } from "../engine/app-session";
import { launchApp } from "../engine/flow-steps";
import { failureOutcome } from "../engine/outcome";
import { parseScriptConfig } from "../engine/script-config";
import { AccountStateSeen, StepNotFound } from "../ui/screen-walker";

/**
 * `match_accounts` (docs/scripts/match-accounts.md): for every TikTok and Instagram package on
 * the phone (the apps' own, and clones named after them), start it and read the account its
 * profile shows; the server then creates or binds those accounts. One account per package: the
 * others an app has logged in are behind its switcher (TikMatrix: "may not recognize all
 * accounts in one run"). A package that is logged out or shows no name is noted, not a failure.
 */
export class MatchAccountsScript implements ScriptExecutor {
  constructor(private readonly setup: ScriptSetup) {}

  async execute(run: RunMessage, context: ExecutionContext): Promise<RunOutcome> {
    try {
      parseScriptConfig(matchAccountsConfigSchema, run);
      const found: FoundAccount[] = [];
      const notes: string[] = [];
      for (const platform of PLATFORMS) {
        for (const packageName of await this.packagesOf(platform)) {
          context.progress(`reading ${packageName}`);
          const account = await this.read(run, context, platform, packageName);
          if (typeof account === "string") notes.push(`${packageName}: ${account}`);
          else found.push(account);
        }
      }
      const names = found.map((a) => `@${a.username} (${a.package_name ?? this.setup.apps[a.platform].packages[0]})`);
      const remark = [found.length === 0 ? "no logged-in account found" : `found ${names.join(", ")}`, ...notes].join("; ");
      await context.log("info", remark);
      return { ok: true, failCode: null, remark: remark.slice(0, 1000), posted: false, accounts: found };
    } catch (error) {
      return failureOutcome(error, context);
    }
  }

  /** The installed packages of the platform's app: its known ones, and any whose name starts with one (a clone). */
  private async packagesOf(platform: Platform): Promise<string[]> {
    const known = this.setup.apps[platform].packages;
    const listed = await this.setup.driver.shell(shellLine`pm list packages`);
    const installed = listed.stdout.split("\n").map((line) => line.replace(/^package:/, "").trim()).filter(Boolean);
    return installed.filter((pkg) => known.some((base) => pkg === base || pkg.startsWith(`${base}.`))).sort();
  }

  private async read(run: RunMessage, context: ExecutionContext, platform: Platform, packageName: string): Promise<FoundAccount | string> {
    const asApp: RunMessage = { ...run, platform, package_name: packageName, username: null };
    try {
      const session = await openApp(this.setup, asApp, context, await findApp(this.setup, asApp, context));
      await launchApp(this.setup.driver, packageName);
      const name = canonicalTarget(await loggedInAccount(session.walker, session.app, session.stepTimeoutMs));
      const isDefault = packageName === this.setup.apps[platform].packages[0];
      return { platform, package_name: isDefault ? null : packageName, username: name };
    } catch (error) {
      if (error instanceof AccountStateSeen) return `not read (${error.state.replace("_", " ")}: ${error.shown.slice(0, 80)})`;
      if (error instanceof StepNotFound) return "no account name shown";
      throw error;
    }
  }
}
