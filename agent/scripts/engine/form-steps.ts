import { FailCode } from "../../../shared/fail-codes";
import { DEFAULT_VOLUME } from "../../../shared/scripts/post";
import type { Step } from "../apps/app-data";
import { findTarget } from "../ui/selector";
import { type FlowRun, waitOf } from "./flow-run";
import { fillPlaceholders } from "./flow-steps";
import { ScriptFailure } from "./script-failure";
import { fieldRefOf, typeInto } from "./text-field";

/** The steps that set something on a screen: a text field, a slider, a switch. */

/** Material's SeekBar (Widget.Material.SeekBar) keeps 16 dp of padding at each end of its track. */
const SEEKBAR_PADDING_DP = 16;

export async function typeText(step: Extract<Step, { do: "type" }>, run: FlowRun): Promise<void> {
  const text = fillPlaceholders(step.text, run);
  const { target, nodes } = await run.walker.waitFor(step.name, step.into, waitOf(step, run));
  const field = target.node;
  if (field === undefined) throw new Error(`"${step.name}": a field must be found as a node`);
  await typeInto(fieldRefOf(nodes, field), field, text, step.name.replace(/^the /, ""), { walker: run.walker, text: run.text, log: (message) => run.context.log("info", message) });
  if (step.submit === "enter") {
    // The keyboard's action key: with the keyboard up it submits the field (a search box searches).
    await run.driver.key("KEYCODE_ENTER");
  } else if (step.submit !== undefined) {
    await run.walker.tap(`${step.name}: submit`, step.submit, waitOf(step, run));
  }
}

/**
 * A SeekBar takes a tap's x as its new progress (AbsSeekBar.trackTouchEvent: the touch's place
 * along the track, between the paddings), so the value is set by one tap at that place. The
 * dump shows no progress (uiautomator writes no range info), so what was set is logged, not read.
 */
export async function setSlider(step: Extract<Step, { do: "slider" }>, run: FlowRun): Promise<void> {
  const value = run.plan.volumes[step.value];
  if (value === DEFAULT_VOLUME) {
    await run.context.log("info", `${step.name}: ${step.value} is ${value}, the middle where the slider starts: left as it is`);
    return;
  }
  const { target } = await run.walker.waitFor(step.name, step.find, waitOf(step, run));
  const bar = target.node;
  if (bar === undefined) throw new Error(`"${step.name}": a slider must be found as a node`);
  if (!bar.enabled) {
    throw new ScriptFailure(FailCode.UiStepNotFound, `"${step.name}" is disabled, so ${step.value} ${value} cannot be set (no sound of that kind on this post?)`);
  }
  const padding = Math.round((SEEKBAR_PADDING_DP * (await run.driver.density())) / 160);
  const { left, right, top, bottom } = bar.bounds;
  const track = Math.max(1, right - left - 2 * padding);
  const at = (percent: number) => ({ x: Math.round(left + padding + (track * percent) / 100), y: Math.round((top + bottom) / 2) });
  // A touch near the thumb moves it by the finger's travel rather than to the touch (AbsSeekBar
  // keeps the touch's offset from the thumb), so the thumb is first sent to the far end: the
  // value's place is then at least half the track away from it.
  await run.walker.tapAt(at(value < DEFAULT_VOLUME ? 100 : 0), { settle: false });
  await run.walker.tapAt(at(value), { settle: false });
  await run.context.log("info", `${step.name}: set ${step.value} to ${value} (a tap ${value} % along the slider's track, after one at its far end)`);
}

/**
 * Switches a toggle on: already on is left alone; otherwise it is tapped, a confirmation the app
 * asks is answered, and the switch must then show checked, or the step fails (a label the app
 * did not take must not look taken).
 */
export async function switchOn(step: Extract<Step, { do: "switch_on" }>, run: FlowRun): Promise<void> {
  const timeoutMs = waitOf(step, run);
  const { target } = step.scroll === undefined ? await run.walker.waitFor(step.name, step.find, timeoutMs) : await run.walker.waitScrolling(step.name, step.find, step.scroll, timeoutMs);
  if (target.node?.checked === true) {
    await run.context.log("info", `${step.name}: already on`);
    return;
  }
  await run.walker.tapAt(target);
  const screen = run.walker.screenSize;
  for (let confirmations = 0; confirmations <= 2; confirmations++) {
    const after = await run.walker.poll(timeoutMs, (nodes) => {
      const confirm = step.confirm === undefined ? undefined : findTarget(nodes, step.confirm, screen);
      if (confirm !== undefined) return confirm;
      return findTarget(nodes, step.find, screen)?.node?.checked === true ? ("on" as const) : undefined;
    });
    if (after === "on") {
      await run.context.log("info", `${step.name}: switched on`);
      return;
    }
    if (after === undefined) break;
    await run.context.log("info", `${step.name}: confirmed "${after.node?.text || after.node?.contentDesc || "?"}"`);
    await run.walker.tapAt(after);
  }
  throw new ScriptFailure(FailCode.UiStepNotFound, `"${step.name}" is not on after tapping it`);
}
