import { FailCode } from "../../../shared/fail-codes";
import type { Step } from "../apps/app-data";
import { findTarget } from "../ui/selector";
import { type StepRun, waitOf } from "./step-run";
import { ScriptFailure } from "./script-failure";
import { fieldRefOf, typeInto } from "./text-field";

/** The steps that set something on a screen: a text field, a switch. */

export async function typeText(step: Extract<Step, { do: "type" }>, run: StepRun): Promise<void> {
  const { text } = step;
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
 * Switches a toggle on: already on is left alone; otherwise it is tapped, a confirmation the app
 * asks is answered, and the switch must then show checked, or the step fails (a label the app
 * did not take must not look taken).
 */
export async function switchOn(step: Extract<Step, { do: "switch_on" }>, run: StepRun): Promise<void> {
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
