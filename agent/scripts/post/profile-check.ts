import { FailCode } from "../../../shared/fail-codes";
import type { Step } from "../apps/app-data";
import { fillSelector, findTarget, matchNodes, type Selector } from "../ui/selector";
import { type ScreenWalker, StepNotFound } from "../ui/screen-walker";
import { isWithin, type UiNode } from "../ui/ui-tree";
import { ScriptFailure } from "../engine/script-failure";

export type NoteStep = Extract<Step, { do: "note_posts" }>;
export type ConfirmStep = Extract<Step, { do: "confirm" }>;
type PostCount = NoteStep["count"];

/** How the post was seen on the profile. */
export type ProfileSighting = "caption" | "count" | "newest only";

/** Opens the profile and reads how many posts it shows; undefined when it does not say. */
export async function notePosts(step: NoteStep, walker: ScreenWalker, timeoutMs: number, note: (message: string) => Promise<void>): Promise<number | undefined> {
  await openProfile(step.open, walker, timeoutMs);
  // The same count twice in a row: a profile still loading its grid shows fewer.
  let last: number | undefined;
  const count = await walker.poll(timeoutMs, (nodes) => {
    const now = countOf(nodes, step.count);
    const stable = now !== undefined && now === last ? now : undefined;
    last = now;
    return stable;
  });
  await note(count === undefined ? "the profile shows no post count to compare with after posting" : `the profile shows ${count} post(s) before posting`);
  return count;
}

/**
 * Confirms the post from the profile, in the order that costs least: its caption already
 * there (some profiles show it with the post), one post more than before, or its newest post
 * opening with the caption typed (the start of it, when the app cuts a long one; that start is
 * `{caption_start}` in the data's selectors). A post without a caption is only seen as newest.
 */
export async function confirmOnProfile(step: ConfirmStep, walker: ScreenWalker, description: string, before: number | undefined, timeoutMs: number): Promise<ProfileSighting> {
  await openProfile(step.open, walker, timeoutMs);
  const start = [...normalise(description)].slice(0, 20).join("");
  const profile = await walker.poll(timeoutMs, (nodes) => (nodes.length > 0 ? nodes : undefined));
  if (start.length > 0 && profile?.some((node) => normalise(node.text).startsWith(start) || normalise(node.contentDesc).includes(start)) === true) return "caption";
  if (step.count !== undefined && before !== undefined) {
    const grew = await walker.poll(timeoutMs, (nodes) => {
      const now = countOf(nodes, step.count ?? { items: [] });
      return now !== undefined && now > before ? true : undefined;
    });
    if (grew === true) return "count";
  }
  if (step.newest === undefined || step.caption === undefined) {
    throw new ScriptFailure(FailCode.UploadNotConfirmed, `the profile shows no new post${before === undefined ? "" : ` (it had ${before} before)`}: the post could not be confirmed`);
  }
  return openNewest(step.newest, step.caption, walker, start, timeoutMs);
}

async function openNewest(newest: readonly Selector[], captions: readonly Selector[], walker: ScreenWalker, start: string, timeoutMs: number): Promise<ProfileSighting> {
  try {
    await walker.tap("the newest post", newest, timeoutMs);
    if (start.length === 0) return "newest only";
    const caption = captions.map((selector) => fillSelector(selector, { caption_start: start }));
    const { target } = await walker.waitFor("its caption", caption, timeoutMs);
    const shown = normalise(target.node?.text || target.node?.contentDesc || "");
    const cut = shown.replace(/(…|\.\.\.)\s*(more|更多|查看更多)$/iu, "").trim();
    if (shown.startsWith(start) || (cut.length >= 20 && start.startsWith(cut.slice(0, 20)))) return "caption";
    throw new ScriptFailure(FailCode.UploadNotConfirmed, `the newest post on the profile has the caption "${shown.slice(0, 120)}", not the one typed: the post could not be confirmed`);
  } catch (error) {
    if (error instanceof StepNotFound) throw new ScriptFailure(FailCode.UploadNotConfirmed, `the post could not be confirmed on the profile: ${error.message}`);
    throw error;
  }
}

async function openProfile(open: NoteStep["open"], walker: ScreenWalker, timeoutMs: number): Promise<void> {
  for (const step of open) await walker.tap(step.name, step.find, step.timeout_s === undefined ? timeoutMs : step.timeout_s * 1000);
}

/**
 * The count a profile shows: a number ("14", "1,234"; "12.3K" is too round to see one more),
 * or how many posts are on screen (only while they all fit, so fewer than a screenful).
 */
function countOf(nodes: readonly UiNode[], count: PostCount): number | undefined {
  if ("number" in count) {
    const node = findTarget(nodes, count.number, { width: 1, height: 1 })?.node;
    const digits = /^(\d[\d,.\s]*)\D*$/u.exec((node?.text || node?.contentDesc || "").trim())?.[1];
    if (digits === undefined || /[kKmM万]/u.test(node?.text ?? "")) return undefined;
    return Number(digits.replace(/[,.\s]/g, ""));
  }
  for (const selector of count.items) {
    const matched = matchNodes(nodes, selector);
    const outermost = matched.filter((item) => !matched.some((outer) => outer !== item && isWithin(nodes, item, outer)));
    if (outermost.length > 0) return outermost.length < 9 ? outermost.length : undefined;
  }
  return 0;
}

function normalise(text: string): string {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}
