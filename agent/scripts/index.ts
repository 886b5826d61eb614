import { FailCode } from "../../shared/fail-codes";
import type { RunMessage } from "../../shared/protocol/messages";
import type { ExecutionContext, RunOutcome, ScriptExecutor } from "../runner";
import { PushedCommentImages } from "./comment/comment-image";
import { CommentScript } from "./comment/comment-script";
import { FollowScript } from "./follow/follow-script";
import { MatchAccountsScript } from "./match-accounts/match-accounts-script";
import { PostScript, type PostScriptOptions } from "./post/post-script";
import { WarmupScript } from "./warmup/warmup-script";

/**
 * The scripts one phone can run, by the task's `script_name`. The worker accepts only
 * scripts that exist, so an unknown one means this agent is older than the server.
 */
export class PhoneScripts implements ScriptExecutor {
  private readonly scripts: Readonly<Record<string, ScriptExecutor>>;

  constructor(options: PostScriptOptions) {
    this.scripts = {
      post: new PostScript(options),
      follow: new FollowScript(options, "follow"),
      unfollow: new FollowScript(options, "unfollow"),
      comment: new CommentScript(options, new PushedCommentImages(options)),
      account_warmup: new WarmupScript(options),
      match_accounts: new MatchAccountsScript(options),
    };
  }

  execute(run: RunMessage, context: ExecutionContext): Promise<RunOutcome> {
    const script = Object.hasOwn(this.scripts, run.script) ? this.scripts[run.script] : undefined;
    if (script === undefined) {
      return Promise.resolve({ ok: false, failCode: FailCode.UiStepNotFound, remark: `this agent has no "${run.script}" script: update the agent`, posted: false });
    }
    return script.execute(run, context);
  }
}
