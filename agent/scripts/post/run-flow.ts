import { FailCode } from "../../../shared/fail-codes";
import type { PhoneDriver } from "../../adb/phone-driver";
import type { ExecutionContext } from "../../runner";
import type { Flow, Step, TapStep } from "../apps/app-data";
import { describeSelectors, findTarget, type Selector } from "../ui/selector";
import { type ScreenWalker, StepNotFound } from "../ui/screen-walker";
import { typeCaption } from "./caption-step";
import type { PhoneMedia } from "./phone-media";
import { ScriptFailure } from "./script-failure";
import { selectMedia } from "./select-media";
import type { TextEntry } from "./text-entry";
import { confirmOnProfile, notePosts } from "./profile-check";
import { awaitUpload, type UploadEnd } from "./upload-step";

export interface FlowRun {
  driver: PhoneDriver;
  walker: ScreenWalker;
  context: ExecutionContext;
  packageName: string;
  media: readonly PhoneMedia[];
  caption: { title: string; description: string };
  text: TextEntry;
  /** The task's upload_wait_time; 0 means do not wait. */
  uploadWaitS: number;
  /** A step's wait when its data gives none. */
  stepTimeoutMs: number;
  /** Takes a screenshot for the task; failures are logged by the caller's function. */
  screenshot(label: string): Promise<void>;
}

/** How the post was known to be out, for the result's remark. */
export type Confirmation = "confirmed by the app" | "confirmed on the profile" | "not confirmed: upload_wait_time is 0";

/** Walks a flow's steps in order (the data's meaning of each step is in apps/app-data.ts). */
export async function runFlow(flow: Flow, run: FlowRun): Promise<Confirmation> {
  let upload: UploadEnd | "skipped" | undefined;
  let confirmed = false;
  // What the description field got: the profile shows it again.
  let described = run.caption.description;
  let postsBefore: number | undefined;
  for (const step of flow.steps) {
    run.context.signal.throwIfAborted();
    if (step.do === "tap" && step.only !== undefined && step.only !== (run.media.length > 1 ? "multiple" : "single")) continue;
    if ((step.do === "await_upload" || step.do === "confirm") && upload === "skipped") continue;
    if (step.do === "confirm" && upload === "posted") continue;
    run.context.progress(step.name);
    switch (step.do) {
      case "await_upload":
        upload = await waitForUpload(step, run);
        break;
      case "note_posts":
        postsBefore = await notePosts(step, run.walker, run.stepTimeoutMs, (message) => run.context.log("info", message));
        break;
      case "confirm": {
        const seen = await confirmOnProfile(step, run.walker, described, postsBefore, run.stepTimeoutMs);
        confirmed = true;
        const how = { caption: "with its caption", count: "as one post more than before", "newest only": "as its newest post (no caption to compare)" } as const;
        await run.context.log("info", `the post is on the profile ${how[seen]}`);
        break;
      }
      case "caption":
        described = await typeCaption(step, run.caption, { walker: run.walker, text: run.text, stepTimeoutMs: run.stepTimeoutMs, log: (message) => run.context.log("info", message) });
        break;
      default:
        await runStep(step, flow, run);
    }
  }
  if (upload === "skipped") return "not confirmed: upload_wait_time is 0";
  if (upload === "posted") return "confirmed by the app";
  if (confirmed) return "confirmed on the profile";
  throw new ScriptFailure(FailCode.UploadNotConfirmed, `the upload ended, but flow "${flow.name}" has no way to confirm the post: it may or may not be out`);
}

async function runStep(step: Exclude<Step, { do: "await_upload" | "confirm" | "caption" | "note_posts" }>, flow: Flow, run: FlowRun): Promise<void> {
  const timeout = (seconds: number | undefined) => (seconds === undefined ? run.stepTimeoutMs : seconds * 1000);
  switch (step.do) {
    case "launch":
      await launchApp(run.driver, run.packageName);
      if (step.until !== undefined) await run.walker.waitFor(step.name, step.until, timeout(30));
      return;
    case "share":
      return share(run, flow, step.name);
    case "tap":
      return step.posts === true ? publish(step, run) : tap(step, run, timeout(step.timeout_s));
    case "either":
      return either(step, run, timeout(step.timeout_s));
    case "select_media":
      return selectMedia(step, run.media.length, run.walker, timeout(step.timeout_s));
  }
}

async function tap(step: TapStep, run: FlowRun, timeoutMs: number): Promise<void> {
  if (step.until !== undefined) return tapUntil(step, step.until, run, timeoutMs);
  try {
    await run.walker.tap(step.name, step.find, timeoutMs);
  } catch (error) {
    if (!(step.optional === true && error instanceof StepNotFound)) throw error;
    await run.context.log("info", `skipped "${step.name}": not shown`);
  }
}

async function tapUntil(step: TapStep, until: readonly Selector[], run: FlowRun, timeoutMs: number): Promise<void> {
  await run.walker.hideKeyboard();
  for (let taps = 0; taps <= 3; taps++) {
    const seen = await run.walker.poll(timeoutMs, (nodes) => {
      if (findTarget(nodes, until, run.walker.screenSize) !== undefined) return "there" as const;
      if (taps === 3) return undefined;
      return findTarget(nodes, step.find, run.walker.screenSize);
    });
    if (seen === "there") return;
    if (seen === undefined) break;
    await run.walker.tapAt(seen);
  }
  throw new StepNotFound(step.name, `${describeSelectors(until)} (after tapping ${describeSelectors(step.find)})`, timeoutMs, run.walker.lastDump);
}

async function either(step: Extract<Step, { do: "either" }>, run: FlowRun, timeoutMs: number): Promise<void> {
  const way = await run.walker.poll(timeoutMs, (nodes) => step.ways.find((candidate) => findTarget(nodes, candidate.when, run.walker.screenSize) !== undefined));
  if (way === undefined) throw new StepNotFound(step.name, step.ways.map((candidate) => `(${describeSelectors(candidate.when)})`).join(" or "), timeoutMs, run.walker.lastDump);
  for (const next of way.steps) await tap(next, run, next.timeout_s === undefined ? run.stepTimeoutMs : next.timeout_s * 1000);
}

/**
 * The tap that publishes. From just before it the post may be out (posting()). A build's
 * confirmation ("Publish video publicly?") is answered; then the button must go away: still
 * there means the tap did not take (it reached a keyboard or a dialog), which is a failure
 * rather than a second tap that could post twice.
 */
async function publish(step: TapStep, run: FlowRun): Promise<void> {
  const timeoutMs = step.timeout_s === undefined ? run.stepTimeoutMs : step.timeout_s * 1000;
  const { target } = await run.walker.waitFor(step.name, step.find, timeoutMs);
  await run.screenshot("before posting");
  await run.context.posting();
  await run.walker.tapAt(target);
  for (let confirmations = 0; ; confirmations++) {
    const after = await run.walker.poll(timeoutMs, (nodes) => {
      const confirm = step.confirm === undefined ? undefined : findTarget(nodes, step.confirm, run.walker.screenSize);
      if (confirm !== undefined) return confirm;
      return findTarget(nodes, step.find, run.walker.screenSize) === undefined ? "gone" : undefined;
    });
    if (after === "gone") return;
    if (after === undefined || confirmations >= 2) {
      throw new ScriptFailure(FailCode.UiStepNotFound, `"${step.name}" is still on the screen after tapping it: the post did not start`);
    }
    await run.context.log("info", `confirmed "${after.node?.text || after.node?.contentDesc || step.name}"`);
    await run.walker.tapAt(after);
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

/** Starts the app from its launcher icon (or brings it to the front where it was). */
export async function launchApp(driver: PhoneDriver, packageName: string): Promise<void> {
  const result = await driver.shell(`monkey -p ${packageName} -c android.intent.category.LAUNCHER 1`);
  if (result.exitCode !== 0) {
    // `pm path` found it, so an app without a launcher entry (disabled, broken install).
    throw new ScriptFailure(FailCode.AppNotInstalled, `${packageName} could not be started: ${(result.stdout + result.stderr).trim().slice(0, 200)}`);
  }
}

async function share(run: FlowRun, flow: Flow, name: string): Promise<void> {
  const [media] = run.media;
  // Both are checked when the data is loaded and the flow chosen; this is for the type checker.
  if (media === undefined || flow.share_activity === undefined) throw new Error(`"${name}" needs media and a share_activity`);
  const activity = flow.share_activity.startsWith(".") ? `${run.packageName}${flow.share_activity}` : flow.share_activity;
  const component = `${run.packageName}/${activity}`;
  const started = await run.driver.startActivity([
    "-a", "android.intent.action.SEND",
    "-t", media.mime,
    "--eu", "android.intent.extra.STREAM", media.uri,
    "--grant-read-uri-permission",
    "-n", component,
  ]);
  if (!started.ok) {
    // The share activities are not a public API: a new app version may rename them.
    throw new ScriptFailure(FailCode.UiStepNotFound, `"${name}": ${component} did not start: ${started.output.trim().slice(0, 300)}`);
  }
}
