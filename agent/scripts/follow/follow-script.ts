import type { RunMessage } from "../../../shared/protocol/messages";
import { type FollowConfig, followConfigSchema, followTargetsOf } from "../../../shared/scripts/follow";
import type { ExecutionContext, RunOutcome, ScriptExecutor } from "../../runner";
import { findApp, openApp, type ScriptSetup, screenshot } from "../engine/app-session";
import { failureOutcome, isOnScreen } from "../engine/outcome";
import { runSteps } from "../engine/run-steps";
import { parseScriptConfig } from "../engine/script-config";

/**
 * `follow` and `unfollow` (docs/scripts/follow.md): for each target (one per task, as the
 * create fans them out), open the user's profile by its link or through the app's search, read
 * the follow button, and tap it only when it is not already in the wanted state; the button
 * must then show the new state. The steps are the app data's `scripts.follow` / `scripts.unfollow`.
 */
export class FollowScript implements ScriptExecutor {
  constructor(
    private readonly setup: ScriptSetup,
    private readonly action: "follow" | "unfollow",
  ) {}

  async execute(run: RunMessage, context: ExecutionContext): Promise<RunOutcome> {
    try {
      const config: FollowConfig = parseScriptConfig(followConfigSchema, run);
      const targets = followTargetsOf(config);
      context.progress("checking the phone");
      const session = await openApp(this.setup, run, context, await findApp(this.setup, run, context));
      const remarks: string[] = [];
      try {
        for (const user of targets) {
          context.progress(`${this.action} @${user}`);
          const ending = await runSteps(session.app.scripts[this.action], session.stepRun({ user }, new Set([config.access_method])));
          if (ending !== undefined && !ending.ok) {
            await screenshot(this.setup.driver, context, "at the failure");
            return { ok: false, failCode: ending.failCode, remark: ending.remark, posted: false };
          }
          remarks.push(ending?.remark ?? `${this.action === "follow" ? "followed" : "unfollowed"} @${user}`);
          await context.log("info", remarks.at(-1) ?? "");
        }
      } catch (error) {
        if (isOnScreen(error) && !context.signal.aborted) await screenshot(this.setup.driver, context, "at the failure");
        throw error;
      }
      await screenshot(this.setup.driver, context, `after ${this.action === "follow" ? "following" : "unfollowing"}`);
      return { ok: true, failCode: null, remark: remarks.join("; ").slice(0, 1000), posted: false };
    } catch (error) {
      return failureOutcome(error, context);
    }
  }
}

