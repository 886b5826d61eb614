import { FailCode } from "../../../shared/fail-codes";
import type { Flow, Step } from "../apps/app-data";
import { runSteps } from "../engine/run-steps";
import { ScriptFailure } from "../engine/script-failure";
import { type StepRun, waitOf } from "../engine/step-run";
import { typeCaption } from "./caption-step";
import type { PhoneMedia } from "./phone-media";
import type { PostPlan } from "./post-options";
import { confirmOnProfile, notePosts } from "./profile-check";
import { selectMedia } from "./select-media";
import { share } from "./share-step";
import { setSlider } from "./slider-step";
import type { TextEntry } from "../engine/text-entry";
import { awaitUpload, type UploadEnd } from "./upload-step";

export { launchApp } from "../engine/flow-steps";

/** What a post's steps work with beyond every script's: the media, the caption, the plan, the upload wait. */
export interface FlowRun extends StepRun {
  media: readonly PhoneMedia[];
  caption: { title: string; description: string };
  /** The sound, volumes, link and label the task asks for; decides which steps run. */
  plan: PostPlan;
  text: TextEntry;
  /** The task's upload_wait_time; 0 means do not wait. */
  uploadWaitS: number;
}

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

/** Walks a post flow's steps with the engine, the post's own steps run here. */
export async function runFlow(flow: Flow, run: FlowRun): Promise<Confirmation> {
  const state: FlowState = { upload: undefined, confirmed: false, described: run.caption.description, postsBefore: undefined };
  await runSteps(flow.steps, run, {
    skips: (step) => {
      if (step.do === "tap" && step.only !== undefined && step.only !== (run.media.length > 1 ? "multiple" : "single")) return true;
      if ((step.do === "await_upload" || step.do === "confirm") && state.upload === "skipped") return true;
      return step.do === "confirm" && state.upload === "posted";
    },
    run: (step) => postStep(step, flow, run, state),
  });
  if (state.upload === "skipped") return "not confirmed: upload_wait_time is 0";
  if (state.upload === "posted") return "confirmed by the app";
  if (state.confirmed) return "confirmed on the profile";
  throw new ScriptFailure(FailCode.UploadNotConfirmed, `the upload ended, but flow "${flow.name}" has no way to confirm the post: it may or may not be out`);
}

/** The steps only a post has; false for the shared ones, which the engine runs. */
async function postStep(step: Step, flow: Flow, run: FlowRun, state: FlowState): Promise<boolean> {
  const log = (message: string) => run.context.log("info", message);
  switch (step.do) {
    case "await_upload":
      state.upload = await waitForUpload(step, run);
      return true;
    case "note_posts":
      state.postsBefore = await notePosts(step, run.walker, run.stepTimeoutMs, log);
      return true;
    case "confirm": {
      const seen = await confirmOnProfile(step, run.walker, state.described, state.postsBefore, run.stepTimeoutMs);
      state.confirmed = true;
      const how = { caption: "with its caption", count: "as one post more than before", "newest only": "as its newest post (no caption to compare)" } as const;
      await log(`the post is on the profile ${how[seen]}`);
      return true;
    }
    case "caption":
      state.described = await typeCaption(step, run.caption, { walker: run.walker, text: run.text, stepTimeoutMs: run.stepTimeoutMs, log });
      return true;
    case "share":
      await share(run, flow, step.name);
      return true;
    case "select_media":
      await selectMedia(step, run.media.length, run.walker, waitOf(step, run));
      return true;
    case "slider":
      await setSlider(step, run);
      return true;
    default:
      return false;
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
