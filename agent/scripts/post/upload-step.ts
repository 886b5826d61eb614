import { FailCode } from "../../../shared/fail-codes";
import type { Step } from "../apps/app-data";
import { findTarget } from "../ui/selector";
import type { ScreenWalker } from "../ui/screen-walker";
import type { UiNode } from "../ui/ui-tree";
import { ScriptFailure } from "../engine/script-failure";

export type UploadStep = Extract<Step, { do: "await_upload" }>;

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
