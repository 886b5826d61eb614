import { FailCode } from "../../../shared/fail-codes";
import { DEFAULT_VOLUME } from "../../../shared/scripts/post";
import type { Step } from "../apps/app-data";
import { ScriptFailure } from "../engine/script-failure";
import { waitOf } from "../engine/step-run";
import type { FlowRun } from "./run-flow";

/** Material's SeekBar (Widget.Material.SeekBar) keeps 16 dp of padding at each end of its track. */
const SEEKBAR_PADDING_DP = 16;

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

