import { setTimeout as sleep } from "node:timers/promises";
import { FailCode } from "../../../shared/fail-codes";
import type { Step } from "../apps/app-data";
import { findTarget, type Selector } from "../ui/selector";
import type { ScreenWalker } from "../ui/screen-walker";
import { centreOf, type UiNode } from "../ui/ui-tree";
import { ScriptFailure } from "./script-failure";
import type { TextEntry } from "./text-entry";

export type CaptionStep = Extract<Step, { do: "caption" }>;

export interface CaptionRun {
  walker: ScreenWalker;
  text: TextEntry;
  log(message: string): Promise<void>;
  stepTimeoutMs: number;
}

/** How a field is found again after typing: its hint is gone, and TikTok's ids are build-specific. */
interface FieldRef {
  resourceId: string;
  /** Its place among the screen's text fields. */
  ordinal: number;
}

const EDITABLE = /(EditText|AutoCompleteTextView)$/;
const ATTEMPTS = 3;

/**
 * Types the caption. The description field decides that the screen is there; whether a title
 * field is there too is read from the same dump, so a slow phone cannot make the title look
 * missing. Each field is tapped, typed into and read back from a new dump: nothing arrived
 * (ADBKeyBoard not yet listening) is typed again, anything else wrong is erased and typed
 * again, and a field that still does not show the text is a failure, never a post without it.
 */
/** Returns what went into the description field (with the title leading it when there was no title field). */
export async function typeCaption(step: CaptionStep, caption: { title: string; description: string }, run: CaptionRun): Promise<string> {
  const timeoutMs = step.timeout_s === undefined ? run.stepTimeoutMs : step.timeout_s * 1000;
  const { target, nodes } = await run.walker.waitFor(step.name, step.description, timeoutMs);
  const description = target.node;
  if (description === undefined) throw new Error(`"${step.name}": the description must be found as a node`);
  const title = step.title === undefined ? undefined : otherField(nodes, step.title, description, run.walker.screenSize);
  let descriptionText = caption.description;
  if (caption.title.length > 0 && title === undefined) {
    descriptionText = [caption.title, caption.description].filter((part) => part.length > 0).join("\n");
    await run.log("no title field on this screen: the title leads the description");
  }
  const descriptionRef = refOf(nodes, description);
  if (title !== undefined && caption.title.length > 0) await typeInto(refOf(nodes, title), title, caption.title, "title", run);
  if (descriptionText.length > 0) {
    const fresh = (await run.walker.look()) ?? nodes;
    await typeInto(descriptionRef, find(fresh, descriptionRef) ?? description, descriptionText, "description", run);
  }
  if (step.done !== undefined) {
    const shown = await run.walker.look();
    const done = shown === undefined ? undefined : findTarget(shown, step.done, run.walker.screenSize);
    if (done !== undefined) {
      await run.walker.tapAt(done);
      run.walker.keyboardClosed();
    }
  }
  return descriptionText;
}

async function typeInto(ref: FieldRef, field: UiNode, text: string, label: string, run: CaptionRun): Promise<void> {
  await run.text.prepare(text);
  const before = field.text;
  run.walker.fieldTapped();
  await run.walker.tapAt(centreOf(field));
  for (let attempt = 1; ; attempt++) {
    await run.text.type(text);
    const shown = await readField(ref, run);
    if (same(shown, text)) {
      await run.log(`typed the ${label} (${[...text].length} characters)${attempt > 1 ? ` on try ${attempt}` : ""}`);
      return;
    }
    if (attempt >= ATTEMPTS) {
      throw new ScriptFailure(FailCode.UiStepNotFound, `the ${label} field shows "${(shown ?? "(gone)").slice(0, 200)}" after typing, not "${text.slice(0, 200)}"`);
    }
    if (shown !== undefined && shown !== before) {
      // Something else arrived (a key of the keyboard, text left from an earlier draft): erase it.
      await run.log(`the ${label} field shows "${shown.slice(0, 80)}": erasing it and typing again`);
      await run.text.erase([...shown].length);
    } else {
      await run.log(`the ${label} did not arrive (the keyboard not ready yet?): typing it again`);
      await sleep(1_000 * attempt);
    }
  }
}

/** The other field the alternatives find on the screen (a title is never the description). */
function otherField(nodes: readonly UiNode[], alternatives: readonly Selector[], not: UiNode, screen: { width: number; height: number }): UiNode | undefined {
  const found = findTarget(nodes, alternatives, screen)?.node;
  return found === undefined || found.index === not.index ? undefined : found;
}

function refOf(nodes: readonly UiNode[], field: UiNode): FieldRef {
  const fields = nodes.filter((node) => EDITABLE.test(node.className));
  const unique = field.resourceId !== "" && nodes.filter((node) => node.resourceId === field.resourceId).length === 1;
  return { resourceId: unique ? field.resourceId : "", ordinal: fields.findIndex((node) => node.index === field.index) };
}

function find(nodes: readonly UiNode[], ref: FieldRef): UiNode | undefined {
  if (ref.resourceId !== "") return nodes.find((node) => node.resourceId === ref.resourceId);
  return nodes.filter((node) => EDITABLE.test(node.className))[ref.ordinal];
}

/** The field's text in a new dump; undefined when it cannot be found. */
async function readField(ref: FieldRef, run: CaptionRun): Promise<string | undefined> {
  for (let look = 0; look < 3; look++) {
    const nodes = await run.walker.look();
    if (nodes !== undefined) return find(nodes, ref)?.text;
  }
  return undefined;
}

function same(shown: string | undefined, text: string): boolean {
  return shown !== undefined && normalise(shown) === normalise(text);
}

function normalise(text: string): string {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}
