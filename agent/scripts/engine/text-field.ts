import { setTimeout as sleep } from "node:timers/promises";
import { FailCode } from "../../../shared/fail-codes";
import type { ScreenWalker } from "../ui/screen-walker";
import { centreOf, type UiNode } from "../ui/ui-tree";
import { ScriptFailure } from "./script-failure";
import type { TextEntry } from "./text-entry";

/**
 * Typing into a text field so that it shows exactly the text: the field is tapped, typed into
 * and read back from a new dump; nothing arrived (ADBKeyBoard not yet listening) is typed again,
 * anything else wrong is erased and typed again, and a field that still does not show the text
 * is a failure, never a step past it. Captions and search boxes go through here.
 */

export interface FieldRun {
  walker: ScreenWalker;
  text: TextEntry;
  log(message: string): Promise<void>;
}

/** How a field is found again after typing: its hint is gone, and TikTok's ids are build-specific. */
export interface FieldRef {
  resourceId: string;
  /** Its place among the screen's text fields. */
  ordinal: number;
}

const EDITABLE = /(EditText|AutoCompleteTextView)$/;
const ATTEMPTS = 3;

export async function typeInto(tapped: FieldRef, field: UiNode, text: string, label: string, run: FieldRun): Promise<void> {
  await run.text.prepare(text);
  let ref = tapped;
  const before = field.text;
  run.walker.fieldTapped();
  await run.walker.tapAt(centreOf(field));
  ref = await editingField(ref, run);
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

/**
 * The field that took the tap's focus. Usually the one tapped; but a bar that stands for a
 * field (TikTok's "Add comment..." while its sheet is open) opens the real one elsewhere, focused,
 * and stays behind unfocused (RS: two EditTexts, "setting text on the wrong one succeeds while
 * the screen stays empty"). The text is then read back from the focused one.
 */
async function editingField(tapped: FieldRef, run: FieldRun): Promise<FieldRef> {
  const nodes = await run.walker.look();
  if (nodes === undefined) return tapped;
  const focused = nodes.filter((node) => EDITABLE.test(node.className) && node.focused);
  const [only] = focused;
  if (focused.length !== 1 || only === undefined || findField(nodes, tapped)?.index === only.index) return tapped;
  await run.log("the tapped field opened another one to type in: typing there");
  return fieldRefOf(nodes, only);
}

export function fieldRefOf(nodes: readonly UiNode[], field: UiNode): FieldRef {
  const fields = nodes.filter((node) => EDITABLE.test(node.className));
  const unique = field.resourceId !== "" && nodes.filter((node) => node.resourceId === field.resourceId).length === 1;
  return { resourceId: unique ? field.resourceId : "", ordinal: fields.findIndex((node) => node.index === field.index) };
}

export function findField(nodes: readonly UiNode[], ref: FieldRef): UiNode | undefined {
  if (ref.resourceId !== "") return nodes.find((node) => node.resourceId === ref.resourceId);
  return nodes.filter((node) => EDITABLE.test(node.className))[ref.ordinal];
}

/** The field's text in a new dump; undefined when it cannot be found. */
async function readField(ref: FieldRef, run: FieldRun): Promise<string | undefined> {
  for (let look = 0; look < 3; look++) {
    const nodes = await run.walker.look();
    if (nodes !== undefined) return findField(nodes, ref)?.text;
  }
  return undefined;
}

function same(shown: string | undefined, text: string): boolean {
  return shown !== undefined && normalise(shown) === normalise(text);
}

function normalise(text: string): string {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}
