import type { Step } from "../apps/app-data";
import { findTarget, type Selector } from "../ui/selector";
import type { UiNode } from "../ui/ui-tree";
import { type FieldRun, fieldRefOf, findField, typeInto } from "../engine/text-field";

export type CaptionStep = Extract<Step, { do: "caption" }>;

export interface CaptionRun extends FieldRun {
  stepTimeoutMs: number;
}

/**
 * Types the caption. The description field decides that the screen is there; whether a title
 * field is there too is read from the same dump, so a slow phone cannot make the title look
 * missing. Each field is typed so that it shows exactly its text (text-field.ts), never a post
 * without it. Returns what went into the description field (with the title leading it when
 * there was no title field).
 */
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
  const descriptionRef = fieldRefOf(nodes, description);
  if (title !== undefined && caption.title.length > 0) await typeInto(fieldRefOf(nodes, title), title, caption.title, "title", run);
  if (descriptionText.length > 0) {
    const fresh = (await run.walker.look()) ?? nodes;
    await typeInto(descriptionRef, findField(fresh, descriptionRef) ?? description, descriptionText, "description", run);
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

/** The other field the alternatives find on the screen (a title is never the description). */
function otherField(nodes: readonly UiNode[], alternatives: readonly Selector[], not: UiNode, screen: { width: number; height: number }): UiNode | undefined {
  const found = findTarget(nodes, alternatives, screen)?.node;
  return found === undefined || found.index === not.index ? undefined : found;
}

