import { setTimeout as sleep } from "node:timers/promises";
import type { RunMessage } from "../../../shared/protocol/messages";
import { commentLinesOf, pickComment, withEmoji } from "../../../shared/scripts/comment";
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
      if (config.comment_probable > 0) await TextEntry.check(this.setup.driver, { comment: templates.join("") + (config.insert_emoji ? "✨" : "") });
      context.progress("checking the phone");
      const session = await openApp(this.setup, run, context, await findApp(this.setup, run, context));
      text = session.text;
      const endAt = Date.now() + config.task_duration * 1000;
      const tally = await this.warmUp(session, run, context, config, templates, endAt);
      await screenshot(this.setup.driver, context, "at the end of the warm-up");
      return { ok: true, failCode: null, remark: describe(tally), posted: tally.comment > 0 };
    } catch (error) {
      await screenshotOnFailure(this.setup.driver, context, error);
      return failureOutcome(error, context);
    } finally {
      await text?.restore().catch(() => undefined);
    }
  }

  private async warmUp(session: AppSession, run: RunMessage, context: ExecutionContext, config: WarmupConfig, templates: string[], endAt: number): Promise<WarmupTally> {
    const random = this.setup.random ?? Math.random;
    const steps = session.app.scripts.warmup;
    const topics = topicsOf(config);
    const topic = topics[Math.floor(random() * topics.length)];
    context.progress(topic === undefined ? "opening the feed" : `searching "${topic}"`);
    await runSteps(topic === undefined ? steps.feed : steps.topic, session.stepRun({ topic: topic ?? "" }, new Set()));
    if (topic !== undefined) await context.log("info", `warming up on the topic "${topic}"`);

    const tally: WarmupTally = { watched: 0, watchedS: 0, skipped: 0, like: 0, follow: 0, save: 0, comment: 0 };
    const chances: Record<Action, number> = { like: config.like_probable, follow: config.floow_probable, save: config.collect_probable, comment: config.comment_probable };
    while (Date.now() < endAt) {
      context.signal.throwIfAborted();
      tally.watched++;
      const watchS = config.min_duration + random() * (config.max_duration - config.min_duration);
      const started = Date.now();
      const skip = await this.isSkipped(session.app, session);
      if (skip) tally.skipped++;
      context.progress(`video ${tally.watched}: watching`);
      // Acting comes partway into the watch, as a person's would; the rest of the watch follows.
      await sleep(Math.max(0, Math.min(watchS * 500, endAt - Date.now())), undefined, { signal: context.signal });
      if (!skip) {
        for (const action of ["like", "follow", "save", "comment"] as const) {
          if (Date.now() >= endAt || random() * 100 >= chances[action]) continue;
          const comment = action === "comment" ? this.comment(templates, config, run, tally, random) : "";
          if (await this.act(action, session, context, comment)) tally[action]++;
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

  /** One of the templates (in turn, or at random), with an emoji when asked. */
  private comment(templates: string[], config: WarmupConfig, run: RunMessage, tally: WarmupTally, random: () => number): string {
    const picked = pickComment(templates, config.comment_order, run.request_index + tally.comment, random);
    return config.insert_emoji ? withEmoji(picked, random) : picked;
  }

  /** One good look at the video (a playing one may keep dumps from working: the walker pauses it). */
  private async isSkipped(app: AppData, session: AppSession): Promise<boolean> {
    const skipped = await session.walker.poll(session.stepTimeoutMs, (nodes) => findTarget(nodes, app.scripts.warmup.skip, session.screenSize) !== undefined);
    return skipped === true;
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

function describe(tally: WarmupTally): string {
  return `watched ${tally.watched} videos for ${Math.round(tally.watchedS)} s (${tally.skipped} ads or LIVEs passed); liked ${tally.like}, followed ${tally.follow}, saved ${tally.save}, commented ${tally.comment}`;
}
