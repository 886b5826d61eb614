import { setTimeout as sleep } from "node:timers/promises";
import type { RunMessage } from "../../../shared/protocol/messages";
import { COMMENT_MAX, commentLinesOf, pickComment, withEmoji } from "../../../shared/scripts/comment";
import { topicsOf, type WarmupConfig, warmupConfigSchema } from "../../../shared/scripts/warmup";
import type { ExecutionContext, RunOutcome, ScriptExecutor } from "../../runner";
import type { AppData } from "../apps/app-data";
import { type AppSession, findApp, openApp, type ScriptSetup, screenshot, screenshotOnFailure } from "../engine/app-session";
import { failureOutcome } from "../engine/outcome";
import { runSteps } from "../engine/run-steps";
import { parseScriptConfig } from "../engine/script-config";
import { TextEntry } from "../engine/text-entry";
import { findTarget } from "../ui/selector";
import { StepNotFound } from "../ui/screen-walker";
import { subtreeText, type UiNode } from "../ui/ui-tree";
import { ChatError, type ChatSettings, chatSettingsOf, generateComment } from "./chatgpt";

type Action = "like" | "follow" | "save" | "comment";

/** How many videos the warm-up watched, for how long, and what it did on them. */
export interface WarmupTally {
  watched: number;
  watchedS: number;
  skipped: number;
  like: number;
  follow: number;
  save: number;
  comment: number;
  /** ChatGPT comments that could not be had (the endpoint failed) and went without, or with a template. */
  chatFailed: number;
}

/** What the warm-up reads of a video when it comes on screen. */
interface VideoSeen {
  skip: boolean;
  /** Its caption's words; empty when the app showed none. */
  caption: string;
}

/**
 * `account_warmup` (docs/scripts/account-warmup.md): reach the feed (or search one of the
 * topics), then video by video watch it a random `min_duration`–`max_duration` seconds, act on
 * it by the config's chances (like, follow its creator, save, comment), and swipe on, until
 * `task_duration` is spent. Ads and LIVEs are watched past. An action that fails to show its
 * element is logged and the warm-up goes on (a video without a follow button is not a failure);
 * an account state ends it like any script.
 */
export class WarmupScript implements ScriptExecutor {
  constructor(private readonly setup: ScriptSetup) {}

  async execute(run: RunMessage, context: ExecutionContext): Promise<RunOutcome> {
    let text: TextEntry | undefined;
    try {
      const config: WarmupConfig = parseScriptConfig(warmupConfigSchema, run);
      const templates = commentLinesOf(config.comment);
      const chat = config.generate_by_chatgpt ? chatSettingsOf(config.chatgpt_settings) : undefined;
      // A model's comment may hold any character (an emoji, the caption's language): it needs ADBKeyBoard as an inserted emoji does.
      if (config.comment_probable > 0) await TextEntry.check(this.setup.driver, { comment: templates.join("") + (config.insert_emoji || chat !== undefined ? "✨" : "") });
      context.progress("checking the phone");
      const session = await openApp(this.setup, run, context, await findApp(this.setup, run, context));
      text = session.text;
      const endAt = Date.now() + config.task_duration * 1000;
      const tally = await this.warmUp(session, run, context, config, { templates, chat }, endAt);
      await screenshot(this.setup.driver, context, "at the end of the warm-up");
      return { ok: true, failCode: null, remark: describe(tally), posted: tally.comment > 0 };
    } catch (error) {
      await screenshotOnFailure(this.setup.driver, context, error);
      return failureOutcome(error, context);
    } finally {
      await text?.restore().catch(() => undefined);
    }
  }

  private async warmUp(session: AppSession, run: RunMessage, context: ExecutionContext, config: WarmupConfig, comments: Comments, endAt: number): Promise<WarmupTally> {
    const random = this.setup.random ?? Math.random;
    const steps = session.app.scripts.warmup;
    const topics = topicsOf(config);
    const topic = topics[Math.floor(random() * topics.length)];
    context.progress(topic === undefined ? "opening the feed" : `searching "${topic}"`);
    await runSteps(topic === undefined ? steps.feed : steps.topic, session.stepRun({ topic: topic ?? "" }, new Set()));
    if (topic !== undefined) await context.log("info", `warming up on the topic "${topic}"`);

    const tally: WarmupTally = { watched: 0, watchedS: 0, skipped: 0, like: 0, follow: 0, save: 0, comment: 0, chatFailed: 0 };
    const chances: Record<Action, number> = { like: config.like_probable, follow: config.floow_probable, save: config.collect_probable, comment: config.comment_probable };
    // TikTok's Favorites is a toggle with no state a dump shows reliably: a video met again (a
    // feed shows some twice) would be unsaved by a second tap. Saved videos are known by caption.
    const savedCaptions = new Set<string>();
    while (Date.now() < endAt) {
      context.signal.throwIfAborted();
      tally.watched++;
      const watchS = config.min_duration + random() * (config.max_duration - config.min_duration);
      const started = Date.now();
      const { skip, caption } = await this.seeVideo(session.app, session);
      if (skip) tally.skipped++;
      context.progress(`video ${tally.watched}: watching`);
      // Acting comes partway into the watch, as a person's would; the rest of the watch follows.
      await sleep(Math.max(0, Math.min(watchS * 500, endAt - Date.now())), undefined, { signal: context.signal });
      if (!skip) {
        for (const action of ["like", "follow", "save", "comment"] as const) {
          if (Date.now() >= endAt || random() * 100 >= chances[action]) continue;
          const comment = action === "comment" ? await this.comment(comments, caption, config, run, context, tally, random) : "";
          if (comment === undefined) continue;
          if (action === "save" && savedCaptions.has(caption)) {
            await context.log("info", "save: saved earlier in this warm-up");
            continue;
          }
          if (!(await this.act(action, session, context, comment))) continue;
          tally[action]++;
          if (action === "save" && caption !== "") savedCaptions.add(caption);
        }
      }
      await sleep(Math.max(0, Math.min(started + watchS * 1000, endAt) - Date.now()), undefined, { signal: context.signal });
      tally.watchedS += (Date.now() - started) / 1000;
      if (Date.now() >= endAt) break;
      context.progress(`video ${tally.watched}: next`);
      await runSteps(steps.next, session.stepRun({}, new Set()));
    }
    await context.log("info", describe(tally));
    return tally;
  }

  /**
   * The comment for this video: ChatGPT's from its caption when asked for, else one of the
   * templates (in turn, or at random); with an emoji when asked. Undefined when there is none to
   * make: the endpoint failed and no template was given (the video goes without, as the log says).
   */
  private async comment(comments: Comments, caption: string, config: WarmupConfig, run: RunMessage, context: ExecutionContext, tally: WarmupTally, random: () => number): Promise<string | undefined> {
    let picked: string | undefined;
    if (comments.chat !== undefined) {
      context.progress("asking ChatGPT for a comment");
      try {
        picked = await generateComment(comments.chat, caption, COMMENT_MAX[run.platform], context.signal);
      } catch (error) {
        if (!(error instanceof ChatError)) throw error;
        tally.chatFailed++;
        await context.log("warn", `ChatGPT comment not generated: ${error.message}; ${comments.templates.length > 0 ? "a template is used" : "no comment on this video"}`);
      }
    }
    if (picked === undefined) {
      if (comments.templates.length === 0) return undefined;
      picked = pickComment(comments.templates, config.comment_order, run.request_index + tally.comment, random);
    }
    return config.insert_emoji ? withEmoji(picked, random) : picked;
  }

  /**
   * One good look at the video (a playing one may keep dumps from working: the walker pauses it):
   * an ad or a LIVE is looked for the whole step timeout, as its label may come late; the
   * caption is the latest one read meanwhile.
   */
  private async seeVideo(app: AppData, session: AppSession): Promise<VideoSeen> {
    let caption = "";
    const skipped = await session.walker.poll(session.stepTimeoutMs, (nodes) => {
      caption = captionOf(nodes, app, session) || caption;
      return findTarget(nodes, app.scripts.warmup.skip, session.screenSize) !== undefined ? true : undefined;
    });
    return { skip: skipped === true, caption };
  }

  /**
   * An action's steps; true when it was done, false when there was nothing to do or its element
   * did not show. A like, follow or save that lost its element (a sheet closed by the tap that
   * pauses a playing video) is tried once more: each reads its state before it taps, so a second
   * try cannot undo the first. A comment is not: its send may have gone out.
   */
  private async act(action: Action, session: AppSession, context: ExecutionContext, comment: string): Promise<boolean> {
    context.progress(action);
    for (let attempt = 1; ; attempt++) {
      try {
        const ending = await runSteps(session.app.scripts.warmup[action], session.stepRun({ comment }, new Set()));
        if (ending !== undefined) {
          await context.log("info", `${action}: ${ending.remark}`);
          return false;
        }
        return true;
      } catch (error) {
        if (!(error instanceof StepNotFound)) throw error;
        if (attempt === 1 && action !== "comment") {
          await context.log("info", `${action}: ${error.message}; trying once more`);
          continue;
        }
        await context.log("warn", `${action} skipped on this video: ${error.message}`);
        return false;
      }
    }
  }
}

/** Where the warm-up's comments come from. */
interface Comments {
  templates: string[];
  /** Set with generate_by_chatgpt: each comment is asked for, templates are the fallback. */
  chat: ChatSettings | undefined;
}

/** The caption's words, without the "…more" a long one is cut with. */
function captionOf(nodes: readonly UiNode[], app: AppData, session: AppSession): string {
  const found = app.scripts.warmup.caption.length === 0 ? undefined : findTarget(nodes, app.scripts.warmup.caption, session.screenSize)?.node;
  if (found === undefined) return "";
  return subtreeText(nodes, found)
    .replace(/\s*(…|\.\.\.)\s*more$/i, "")
    .replace(/\s+/g, " ")
    .trim();
}

function describe(tally: WarmupTally): string {
  const failed = tally.chatFailed > 0 ? ` (${tally.chatFailed} ChatGPT comments failed)` : "";
  return `watched ${tally.watched} videos for ${Math.round(tally.watchedS)} s (${tally.skipped} ads or LIVEs passed); liked ${tally.like}, followed ${tally.follow}, saved ${tally.save}, commented ${tally.comment}${failed}`;
}
