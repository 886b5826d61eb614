import { FailCode } from "../../../shared/fail-codes";
import type { Step } from "../apps/app-data";
import { describeSelectors, findTarget, findWithin, matchNodes, type Selector } from "../ui/selector";
import { type ScreenWalker, StepNotFound } from "../ui/screen-walker";
import { centreOf, isWithin, type UiNode } from "../ui/ui-tree";
import { ScriptFailure } from "../engine/script-failure";

export type SelectMediaStep = Extract<Step, { do: "select_media" }>;

/**
 * Picks `count` gallery items: ours are the newest (phone-media.ts gives each file its own
 * modification time, pushed last = newest), so the first `count` items. One is tapped; for
 * several, multi-select is switched on, whatever the gallery picked by itself is unpicked
 * (Instagram keeps its preselected item as number 1), and ours are picked oldest first so
 * the post keeps the task's order, each pick checked on the screen.
 */
export async function selectMedia(step: SelectMediaStep, count: number, walker: ScreenWalker, timeoutMs: number): Promise<void> {
  const items = await waitForItems(step, count, walker, timeoutMs);
  if (count === 1) {
    await walker.tapAt(centreOf(first(items.items, 0, step)));
    return;
  }
  if (step.multiple !== undefined) await switchOnMultiple(step.multiple, walker, timeoutMs, step.name);
  await unpickAll(step, count, walker, timeoutMs);
  for (let place = 1; place <= count; place++) {
    const { nodes, items: cells } = await waitForItems(step, count, walker, timeoutMs);
    const cell = first(cells, count - place, step);
    const pick = step.pick === undefined ? cell : (findWithin(nodes, cell, step.pick) ?? cell);
    await walker.tapAt(centreOf(pick));
    const after = await waitForItems(step, count, walker, timeoutMs);
    const shown = pickedPlace(after.nodes, first(after.items, count - place, step), step.selected);
    if (shown === false || (typeof shown === "number" && shown !== place)) {
      throw new ScriptFailure(FailCode.UiStepNotFound, `"${step.name}": item ${count - place + 1} of the gallery did not become pick ${place} (${shown === false ? "not picked" : `shows ${shown}`})`);
    }
  }
}

interface Items {
  nodes: UiNode[];
  items: UiNode[];
}

async function waitForItems(step: SelectMediaStep, count: number, walker: ScreenWalker, timeoutMs: number): Promise<Items> {
  const found = await walker.poll(timeoutMs, (nodes) => {
    for (const selector of step.item) {
      if (selector.at !== undefined) continue;
      // Items do not nest: a clickable mark inside a cell is part of the cell, not an item.
      const matched = matchNodes(nodes, selector);
      const items = matched.filter((item) => !matched.some((outer) => outer !== item && isWithin(nodes, item, outer)));
      if (items.length >= count) return { nodes, items };
    }
    return undefined;
  });
  if (found === undefined) {
    throw new StepNotFound(step.name, `${count} of ${describeSelectors(step.item)}`, timeoutMs, walker.lastDump);
  }
  return found;
}

async function switchOnMultiple(multiple: NonNullable<SelectMediaStep["multiple"]>, walker: ScreenWalker, timeoutMs: number, name: string): Promise<void> {
  const { nodes } = await walker.waitFor(`${name}: multi-select`, [...multiple.on, ...multiple.toggle], timeoutMs);
  if (findTarget(nodes, multiple.on, walker.screenSize) !== undefined) return;
  await walker.tap(`${name}: multi-select`, multiple.toggle, timeoutMs);
  await walker.waitFor(`${name}: multi-select on`, multiple.on, timeoutMs);
}

/** Unpicks every item that shows as picked, so the order of the picks is ours alone. */
async function unpickAll(step: SelectMediaStep, count: number, walker: ScreenWalker, timeoutMs: number): Promise<void> {
  if (step.selected === undefined) return;
  for (let round = 0; round < 10; round++) {
    const { nodes, items } = await waitForItems(step, count, walker, timeoutMs);
    const picked = items.find((item) => pickedPlace(nodes, item, step.selected) !== false);
    if (picked === undefined) return;
    const pick = step.pick === undefined ? picked : (findWithin(nodes, picked, step.pick) ?? picked);
    await walker.tapAt(centreOf(pick));
  }
  throw new ScriptFailure(FailCode.UiStepNotFound, `"${step.name}": the gallery keeps items picked that were not asked for`);
}

/** false when not picked, the number it shows when it shows one, true when picked without one. */
function pickedPlace(nodes: readonly UiNode[], item: UiNode, selected: readonly Selector[] | undefined): number | boolean {
  if (selected === undefined) return true;
  const mark = findWithin(nodes, item, selected);
  if (mark === undefined) return false;
  const number = /\d+/.exec(mark.text || mark.contentDesc);
  return number === null ? true : Number(number[0]);
}

function first(items: readonly UiNode[], index: number, step: SelectMediaStep): UiNode {
  const item = items[index];
  if (item === undefined) throw new Error(`"${step.name}": no gallery item ${index}`);
  return item;
}
