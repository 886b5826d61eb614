import { FailCode } from "../../../shared/fail-codes";
import type { RunMessage } from "../../../shared/protocol/messages";
import { type CommentConfig, commentConfigSchema, commentLinesOf, commentPlatformProblem, commentTargetsOf, pickComment, withEmoji } from "../../../shared/scripts/comment";
import type { ExecutionContext, RunOutcome, ScriptExecutor } from "../../runner";
import { findApp, openApp, type ScriptSetup, screenshot } from "../engine/app-session";
import { failureOutcome } from "../engine/outcome";
import { runPerTarget } from "../engine/run-targets";
import { parseScriptConfig } from "../engine/script-config";
import { ScriptFailure } from "../engine/script-failure";
import { TextEntry } from "../engine/text-entry";
import { MaterialError } from "../post/materials";
import type { CommentImage } from "./comment-image";

/** Where the comment's image comes from and where it goes on the phone (TikTok only). */
export interface CommentImages {
  /** Resolves `comment_image_path` and pushes it into the gallery; `remove` takes it off again. */
  push(run: RunMessage, config: CommentConfig, context: ExecutionContext): Promise<CommentImage>;
}

/**
 * `comment` (docs/scripts/comment.md): open the post by its link, watch it a moment, open its
 * comments, type the task's comment (one of `comment_content`'s lines, in turn or at random,
 * with an emoji when asked), attach the image (TikTok), and send it; the comment must then show
 * in the list. From the send tap on it may be out: the task is never retried after it.
 */
export class CommentScript implements ScriptExecutor {
  constructor(
    private readonly setup: ScriptSetup,
    private readonly images: CommentImages,
  ) {}

  async execute(run: RunMessage, context: ExecutionContext): Promise<RunOutcome> {
    let image: CommentImage | undefined;
    let text: TextEntry | undefined;
    try {
      const config: CommentConfig = parseScriptConfig(commentConfigSchema, run);
      const problem = commentPlatformProblem(config, run.platform);
      if (problem !== undefined) throw new ScriptFailure(FailCode.UiStepNotFound, `script_config is not one this agent runs on ${run.platform}: ${problem}`);
      const random = this.setup.random ?? Math.random;
      const picked = pickComment(commentLinesOf(config.comment_content), config.comment_order, run.request_index, random);
      const comment = config.insert_emoji ? withEmoji(picked, random) : picked;
      await TextEntry.check(this.setup.driver, { comment });
      context.progress("checking the phone");
      const found = await findApp(this.setup, run, context);
      const session = await openApp(this.setup, run, context, found);
      text = session.text;
      const asks = new Set<"comment_image">();
      if (config.comment_image_path.trim() !== "") {
        context.progress("pushing the image");
        image = await this.images.push(run, config, context);
        asks.add("comment_image");
      }
      const urls = commentTargetsOf(config);
      const targets = urls.map((url) => ({ values: { url, comment }, done: `commented on ${url}: ${JSON.stringify(comment)}` }));
      const ending = await runPerTarget(session, context, session.app.scripts.comment, targets, asks);
      if (!ending.ok) return { ok: false, failCode: ending.failCode, remark: ending.remark, posted: false };
      await screenshot(this.setup.driver, context, "after commenting");
      return { ok: true, failCode: null, remark: `commented ${JSON.stringify(comment)} on ${urls.join(", ")}`.slice(0, 1000), posted: true };
    } catch (error) {
      if (error instanceof MaterialError) return { ok: false, failCode: FailCode.MaterialNotFound, remark: error.message.slice(0, 1000), posted: false };
      return failureOutcome(error, context);
    } finally {
      await text?.restore().catch(() => undefined);
      await image?.remove();
    }
  }
}
