import type { RunMessage } from "../../../shared/protocol/messages";
import { type FollowConfig, followConfigSchema, followTargetsOf } from "../../../shared/scripts/follow";
import type { ExecutionContext, RunOutcome, ScriptExecutor } from "../../runner";
import { findApp, openApp, type ScriptSetup, screenshot } from "../engine/app-session";
import { failureOutcome } from "../engine/outcome";
import { runPerTarget } from "../engine/run-targets";
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
      context.progress("checking the phone");
      const session = await openApp(this.setup, run, context, await findApp(this.setup, run, context));
      const done = this.action === "follow" ? "followed" : "unfollowed";
      const targets = followTargetsOf(config).map((user) => ({ values: { user }, done: `${done} @${user}` }));
      const ending = await runPerTarget(session, context, session.app.scripts[this.action], targets, new Set([config.access_method]));
      if (!ending.ok) return { ok: false, failCode: ending.failCode, remark: ending.remark, posted: false };
      await screenshot(this.setup.driver, context, `after ${this.action === "follow" ? "following" : "unfollowing"}`);
      return { ok: true, failCode: null, remark: ending.remark, posted: false };
    } catch (error) {
      return failureOutcome(error, context);
    }
  }
}

