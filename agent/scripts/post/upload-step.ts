import { FailCode } from "../../../shared/fail-codes";
import type { Step } from "../apps/app-data";
import { fillSelector, findTarget } from "../ui/selector";
import { type ScreenWalker, StepNotFound } from "../ui/screen-walker";
import type { UiNode } from "../ui/ui-tree";
import { ScriptFailure } from "./script-failure";

export type UploadStep = Extract<Step, { do: "await_upload" }>;
export type ConfirmStep = Extract<Step, { do: "confirm" }>;

/** What the upload wait saw: the app said the post is out, or only that it stopped uploading. */
export type UploadEnd = "posted" | "ended";

/**
 * Waits for the upload: until the app shows its posted state, or shows no upload running
 * and is back on a main screen, twice in a row; the app's failure state is a failure. Past
 * `waitMs` the post may or may not be out: 1006.
 */
export async function awaitUpload(step: UploadStep, walker: ScreenWalker, waitMs: number): Promise<UploadEnd> {
  let calm = 0;
  let lastBusy = "";
  const label = (node: UiNode | undefined) => node?.text || node?.contentDesc || "";
  const end = await walker.poll(waitMs, (nodes): UploadEnd | { failed: string } | undefined => {
    const failed = step.failed === undefined ? undefined : findTarget(nodes, step.failed, walker.screenSize);
    if (failed !== undefined) return { failed: label(failed.node) };
    if (step.posted !== undefined && findTarget(nodes, step.posted, walker.screenSize) !== undefined) return "posted";
    const busy = findTarget(nodes, step.busy, walker.screenSize);
    if (busy !== undefined) lastBusy = label(busy.node) || lastBusy;
    calm = busy === undefined && findTarget(nodes, step.idle, walker.screenSize) !== undefined ? calm + 1 : 0;
    return calm >= 2 ? "ended" : undefined;
  });
  if (end === undefined) {
    const seen = lastBusy.length > 0 ? ` (still showing "${lastBusy.slice(0, 100)}")` : "";
    throw new ScriptFailure(FailCode.UploadNotConfirmed, `the upload did not finish within upload_wait_time (${Math.round(waitMs / 1000)} s)${seen}`);
  }
  if (typeof end === "object") throw new ScriptFailure(FailCode.UploadNotConfirmed, `the app says the post did not go out: "${end.failed.slice(0, 200)}"`);
  return end;
}

/**
 * Confirms the post on the profile: its newest post opens with the caption typed. A long
 * caption is cut there ("… more"), so its start is what must match; `{caption_start}` in the
 * data's selectors is that start. A post without a caption can only be seen to be there.
 */
export async function confirmOnProfile(step: ConfirmStep, walker: ScreenWalker, description: string, timeoutMs: number): Promise<"caption" | "newest only"> {
  for (const open of step.open) await walker.tap(open.name, open.find, (open.timeout_s ?? timeoutMs / 1000) * 1000);
  const start = [...normalise(description)].slice(0, 20).join("");
  const caption = step.caption.map((selector) => fillSelector(selector, { caption_start: start }));
  try {
    // Some profiles show the caption with the post (a grid cell's description): then it is there.
    const profile = await walker.look();
    if (start.length > 0 && profile?.some((node) => normalise(node.text).startsWith(start) || normalise(node.contentDesc).includes(start)) === true) return "caption";
    await walker.tap(`${step.name}: the newest post`, step.newest, timeoutMs);
    if (start.length === 0) return "newest only";
    const { target } = await walker.waitFor(`${step.name}: its caption`, caption, timeoutMs);
    const shown = normalise(target.node?.text ?? target.node?.contentDesc ?? "");
    const wanted = normalise(description);
    const cut = shown.replace(/(…|\.\.\.)\s*(more|更多|查看更多)$/iu, "").trim();
    const matches = shown === wanted || (cut.length >= 20 && cut !== shown && wanted.startsWith(cut));
    if (!matches) throw new ScriptFailure(FailCode.UploadNotConfirmed, `the newest post on the profile has the caption "${shown.slice(0, 120)}", not the one typed: the post could not be confirmed`);
    return "caption";
  } catch (error) {
    if (error instanceof StepNotFound) throw new ScriptFailure(FailCode.UploadNotConfirmed, `the post could not be confirmed on the profile: ${error.message}`);
    throw error;
  }
}

function normalise(text: string): string {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}
