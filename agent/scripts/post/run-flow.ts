import { FailCode } from "../../../shared/fail-codes";
import type { Flow, FlowStep, Step } from "../apps/app-data";
import { typeCaption } from "./caption-step";
import { type FlowRun, waitOf } from "./flow-run";
import { backUntil, either, launchApp, openLink, publish, share, tap, waitUntil } from "./flow-steps";
import { setSlider, switchOn, typeText } from "./form-steps";
import { asked } from "./post-options";
import { confirmOnProfile, notePosts } from "./profile-check";
import { ScriptFailure } from "./script-failure";
import { selectMedia } from "./select-media";
import { awaitUpload, type UploadEnd } from "./upload-step";

export { launchApp } from "./flow-steps";
export type { FlowRun } from "./flow-run";

/** How the post was known to be out, for the result's remark. */
export type Confirmation = "confirmed by the app" | "confirmed on the profile" | "not confirmed: upload_wait_time is 0";

/** What the steps of one run learn and later steps use. */
interface FlowState {
  upload: UploadEnd | "skipped" | undefined;
  confirmed: boolean;
  /** What the description field got: the profile shows it again. */
  described: string;
  postsBefore: number | undefined;
}

/** Walks a flow's steps in order (the data's meaning of each step is in apps/app-data.ts). */
export async function runFlow(flow: Flow, run: FlowRun): Promise<Confirmation> {
  const state: FlowState = { upload: undefined, confirmed: false, described: run.caption.description, postsBefore: undefined };
  await runSteps(flow, flow.steps, run, state);
  if (state.upload === "skipped") return "not confirmed: upload_wait_time is 0";
  if (state.upload === "posted") return "confirmed by the app";
  if (state.confirmed) return "confirmed on the profile";
  throw new ScriptFailure(FailCode.UploadNotConfirmed, `the upload ended, but flow "${flow.name}" has no way to confirm the post: it may or may not be out`);
}

async function runSteps(flow: Flow, steps: readonly FlowStep[], run: FlowRun, state: FlowState): Promise<void> {
  for (const step of steps) {
    run.context.signal.throwIfAborted();
    if (!asked(run.plan, step.if)) continue;
    if (step.do === "include") {
      await runSteps(flow, run.parts[step.part] ?? [], run, state);
      continue;
    }
    if (step.do === "tap" && step.only !== undefined && step.only !== (run.media.length > 1 ? "multiple" : "single")) continue;
    if ((step.do === "await_upload" || step.do === "confirm") && state.upload === "skipped") continue;
    if (step.do === "confirm" && state.upload === "posted") continue;
    run.context.progress(step.name);
    await runStep(step, flow, run, state);
  }
}

async function runStep(step: Step, flow: Flow, run: FlowRun, state: FlowState): Promise<void> {
  const log = (message: string) => run.context.log("info", message);
  switch (step.do) {
    case "await_upload":
      state.upload = await waitForUpload(step, run);
      return;
    case "note_posts":
      state.postsBefore = await notePosts(step, run.walker, run.stepTimeoutMs, log);
      return;
    case "confirm": {
      const seen = await confirmOnProfile(step, run.walker, state.described, state.postsBefore, run.stepTimeoutMs);
      state.confirmed = true;
      const how = { caption: "with its caption", count: "as one post more than before", "newest only": "as its newest post (no caption to compare)" } as const;
      await log(`the post is on the profile ${how[seen]}`);
      return;
    }
    case "caption":
      state.described = await typeCaption(step, run.caption, { walker: run.walker, text: run.text, stepTimeoutMs: run.stepTimeoutMs, log });
      return;
    case "launch":
      await launchApp(run.driver, run.packageName);
      if (step.until !== undefined) await run.walker.waitFor(step.name, step.until, waitOf({ timeout_s: 30 }, run));
      return;
    case "share":
      return share(run, flow, step.name);
    case "tap":
      return step.posts === true ? publish(step, run) : tap(step, run);
    case "either":
      return either(step, run);
    case "select_media":
      return selectMedia(step, run.media.length, run.walker, waitOf(step, run));
    case "wait":
      return waitUntil(step, run);
    case "back":
      return backUntil(step, run);
    case "open_link":
      return openLink(step, run);
    case "type":
      return typeText(step, run);
    case "slider":
      return setSlider(step, run);
    case "switch_on":
      return switchOn(step, run);
  }
}

async function waitForUpload(step: Extract<Step, { do: "await_upload" }>, run: FlowRun): Promise<UploadEnd | "skipped"> {
  if (run.uploadWaitS === 0) {
    await run.context.log("info", "upload_wait_time is 0: not waiting for the upload to finish");
    return "skipped";
  }
  const end = await awaitUpload(step, run.walker, run.uploadWaitS * 1000);
  await run.context.log("info", end === "posted" ? "the app says the post is out" : "the upload finished");
  await run.screenshot("after posting");
  return end;
}
