import { FailCode } from "../../../shared/fail-codes";
import type { PhoneDriver } from "../../adb/phone-driver";
import type { ExecutionContext } from "../../runner";
import type { Flow, Step } from "../apps/app-data";
import { findTarget, matchNodes } from "../ui/selector";
import { type ScreenWalker, StepNotFound } from "../ui/screen-walker";
import { centreOf, type UiNode } from "../ui/ui-tree";
import type { PhoneMedia } from "./phone-media";
import { ScriptFailure } from "./script-failure";
import type { TextEntry } from "./text-entry";

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

/** Walks a flow's steps in order (the data's meaning of each step is in apps/app-data.ts). */
export async function runFlow(flow: Flow, run: FlowRun): Promise<void> {
  // The title goes into its own field when the app has one, else it leads the description.
  let title = run.caption.title;
  for (const step of flow.steps) {
    run.context.signal.throwIfAborted();
    if (step.do === "tap" && step.only !== undefined && step.only !== (run.media.length > 1 ? "multiple" : "single")) continue;
    run.context.progress(step.name);
    if (step.do === "type") {
      const text = step.field === "title" ? title : [title, run.caption.description].filter((part) => part.length > 0).join("\n");
      if (text.length === 0) continue;
      const typed = await typeStep(step, text, run);
      if (step.field === "title" && typed) title = "";
      continue;
    }
    await runStep(step, flow, run);
  }
}

async function runStep(step: Exclude<Step, { do: "type" }>, flow: Flow, run: FlowRun): Promise<void> {
  const timeout = (seconds: number | undefined) => (seconds === undefined ? run.stepTimeoutMs : seconds * 1000);
  switch (step.do) {
    case "launch":
      return launchApp(run.driver, run.packageName);
    case "share":
      return share(run, flow, step.name);
    case "tap":
      try {
        const { target } = await run.walker.waitFor(step.name, step.find, timeout(step.timeout_s));
        if (step.posts === true) {
          await run.screenshot("before posting");
          run.context.posting();
        }
        await run.walker.tapAt(target);
      } catch (error) {
        if (!(step.optional === true && error instanceof StepNotFound)) throw error;
        await run.context.log("info", `skipped "${step.name}": not shown`);
      }
      return;
    case "select_media":
      return selectMedia(run, step.item, timeout(step.timeout_s), step.name);
    case "await_upload":
      return awaitUpload(run, step);
  }
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

/** Taps the field, types, and reads the field back: a caption that did not arrive is a failure, not a post without it. */
async function typeStep(step: Extract<Step, { do: "type" }>, text: string, run: FlowRun): Promise<boolean> {
  const timeoutMs = step.timeout_s === undefined ? run.stepTimeoutMs : step.timeout_s * 1000;
  let target;
  try {
    ({ target } = await run.walker.waitFor(step.name, step.into, timeoutMs));
  } catch (error) {
    if (!(step.optional === true && error instanceof StepNotFound)) throw error;
    await run.context.log("info", `no ${step.name} field on this screen: ${step.field === "title" ? "the title leads the description instead" : "skipped"}`);
    return false;
  }
  await run.walker.tapAt(target);
  await run.text.type(text);
  await run.context.log("info", `typed the ${step.name} (${[...text].length} characters)`);
  const id = target.node?.resourceId ?? "";
  if (id.length === 0) return true;
  const nodes = await run.walker.look();
  const field = nodes?.find((node) => node.resourceId === id);
  if (field !== undefined && normalise(field.text) !== normalise(text)) {
    throw new ScriptFailure(
      FailCode.UiStepNotFound,
      `the ${step.name} field shows "${field.text.slice(0, 200)}" after typing, not the caption "${text.slice(0, 200)}"`,
    );
  }
  return true;
}

function normalise(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * Taps one gallery item per pushed file. The gallery lists newest first and the files were
 * pushed in the task's order, so tapping from the oldest of ours keeps that order.
 */
async function selectMedia(run: FlowRun, item: FlowStepSelectors, timeoutMs: number, name: string): Promise<void> {
  const count = run.media.length;
  const items = await run.walker.poll(timeoutMs, (nodes) => {
    for (const selector of item) {
      if (selector.at !== undefined) continue;
      const found = matchNodes(nodes, selector);
      if (found.length >= count) return found.slice(0, count);
    }
    return undefined;
  });
  if (items === undefined) {
    throw new StepNotFound(name, `${count} gallery item(s)`, timeoutMs, run.walker.lastDump);
  }
  for (const node of items.reverse()) await run.walker.tapAt({ node, ...centreOf(node) });
}

type FlowStepSelectors = Extract<Step, { do: "select_media" }>["item"];

/**
 * After the post button: the app shows an upload indicator until the post is out. Done is
 * `busy` gone and `done` showing in two looks in a row, so a screen caught mid-animation
 * does not count; past upload_wait_time the post is unconfirmed (1006, never retried).
 */
async function awaitUpload(run: FlowRun, step: Extract<Step, { do: "await_upload" }>): Promise<void> {
  if (run.uploadWaitS === 0) {
    await run.context.log("info", "upload_wait_time is 0: not waiting for the upload to finish");
    return;
  }
  let calm = 0;
  let lastBusy = "";
  const finished = await run.walker.poll(run.uploadWaitS * 1000, (nodes: UiNode[]) => {
    const busy = findTarget(nodes, step.busy, run.walker.screenSize);
    if (busy !== undefined) lastBusy = busy.node?.text || busy.node?.contentDesc || lastBusy;
    const done = busy === undefined && findTarget(nodes, step.done, run.walker.screenSize) !== undefined;
    calm = done ? calm + 1 : 0;
    return calm >= 2 ? true : undefined;
  });
  if (finished === undefined) {
    const seen = lastBusy.length > 0 ? ` (still showing "${lastBusy.slice(0, 100)}")` : "";
    throw new ScriptFailure(FailCode.UploadNotConfirmed, `the upload did not finish within upload_wait_time (${run.uploadWaitS} s)${seen}`);
  }
  await run.context.log("info", "upload finished");
  await run.screenshot("after posting");
}
