import { FailCode } from "../../../shared/fail-codes";
import type { PhoneDriver } from "../../adb/phone-driver";
import { shellLine } from "../../adb/shell-text";
import type { Step, TapStep } from "../apps/app-data";
import { describeSelectors, findTarget, type Selector, type Target } from "../ui/selector";
import { StepNotFound } from "../ui/screen-walker";
import { type StepRun, waitOf } from "./step-run";
import { ScriptFailure } from "./script-failure";

/** The steps that move through an app's screens: taps, BACK, links, intents, and waits. */

type Run = StepRun;

/** Where to tap a found element: its centre, or the step's `point` inside it. */
function aim(target: Target, point: readonly [number, number] | undefined): { x: number; y: number } {
  if (point === undefined || target.node === undefined) return target;
  const { left, top, right, bottom } = target.node.bounds;
  return { x: Math.round(left + (right - left) * point[0]), y: Math.round(top + (bottom - top) * point[1]) };
}

export async function tap(step: TapStep, run: Run): Promise<void> {
  const timeoutMs = waitOf(step, run);
  if (step.until !== undefined) return tapUntil(step, step.until, run, timeoutMs);
  try {
    const { target } = step.scroll === undefined ? await run.walker.waitFor(step.name, step.find, timeoutMs) : await run.walker.waitScrolling(step.name, step.find, step.scroll, timeoutMs);
    await run.walker.tapAt(aim(target, step.point));
  } catch (error) {
    if (!(step.optional === true && error instanceof StepNotFound)) throw error;
    await run.context.log("info", `skipped "${step.name}": not shown`);
  }
}

async function tapUntil(step: TapStep, until: readonly Selector[], run: Run, timeoutMs: number): Promise<void> {
  await run.walker.hideKeyboard();
  for (let taps = 0; taps <= 3; taps++) {
    const seen = await run.walker.poll(timeoutMs, (nodes) => {
      if (findTarget(nodes, until, run.walker.screenSize) !== undefined) return "there" as const;
      if (taps === 3) return undefined;
      return findTarget(nodes, step.find, run.walker.screenSize);
    });
    if (seen === "there") return;
    if (seen === undefined) break;
    await run.walker.tapAt(aim(seen, step.point));
  }
  throw new StepNotFound(step.name, `${describeSelectors(until)} (after tapping ${describeSelectors(step.find)})`, timeoutMs, run.walker.lastDump);
}

/**
 * The tap that publishes. From just before it the post may be out (posting()). A build's
 * confirmation ("Publish video publicly?") is answered; then the button must go away: still
 * there means the tap did not take (it reached a keyboard or a dialog), which is a failure
 * rather than a second tap that could post twice.
 */
export async function publish(step: TapStep, run: Run): Promise<void> {
  const timeoutMs = waitOf(step, run);
  const { target } = await run.walker.waitFor(step.name, step.find, timeoutMs);
  await run.screenshot("before posting");
  await run.context.posting();
  await run.walker.tapAt(target);
  for (let confirmations = 0; ; confirmations++) {
    const after = await run.walker.poll(timeoutMs, (nodes) => {
      const confirm = step.confirm === undefined ? undefined : findTarget(nodes, step.confirm, run.walker.screenSize);
      if (confirm !== undefined) return confirm;
      // A button that stays (a comment's Post, greyed once its field is empty): what it made shows instead.
      if (step.until !== undefined) return findTarget(nodes, step.until, run.walker.screenSize) === undefined ? undefined : "gone";
      return findTarget(nodes, step.find, run.walker.screenSize) === undefined ? "gone" : undefined;
    });
    if (after === "gone") return;
    if (after === undefined || confirmations >= 2) {
      const what = step.until === undefined ? `"${step.name}" is still on the screen after tapping it` : `${describeSelectors(step.until)} did not show after tapping "${step.name}"`;
      throw new ScriptFailure(FailCode.UiStepNotFound, `${what}: it did not take (and is not tapped again, which could send it twice)`);
    }
    await run.context.log("info", `confirmed "${after.node?.text || after.node?.contentDesc || step.name}"`);
    await run.walker.tapAt(after);
  }
}

/** Waits until `for` shows (and `gone` does not); logs what it found, as evidence of the step before. */
export async function waitUntil(step: Extract<Step, { do: "wait" }>, run: Run): Promise<void> {
  const timeoutMs = waitOf(step, run);
  await run.walker.hideKeyboard();
  const screen = run.walker.screenSize;
  const seen = await run.walker.poll(timeoutMs, (nodes) => {
    if (step.gone !== undefined && findTarget(nodes, step.gone, screen) !== undefined) return undefined;
    if (step.for === undefined) return { node: undefined };
    return findTarget(nodes, step.for, screen);
  });
  if (seen === undefined) {
    const wanted = [step.for === undefined ? "" : describeSelectors(step.for), step.gone === undefined ? "" : `no ${describeSelectors(step.gone)}`].filter(Boolean).join(" and ");
    throw new StepNotFound(step.name, wanted, timeoutMs, run.walker.lastDump);
  }
  const shown = seen.node?.text.trim() || seen.node?.contentDesc.trim();
  await run.context.log("info", shown ? `${step.name}: "${shown}"` : step.name);
}

/** BACK until `until` shows, at most 3 presses; none when it already does. */
export async function backUntil(step: Extract<Step, { do: "back" }>, run: Run): Promise<void> {
  const timeoutMs = waitOf(step, run);
  const there = (nodes: Parameters<typeof findTarget>[0]) => (findTarget(nodes, step.until, run.walker.screenSize) === undefined ? undefined : true);
  await run.walker.hideKeyboard();
  const now = await run.walker.look();
  if (now !== undefined && there(now)) return;
  for (let presses = 1; presses <= 3; presses++) {
    await run.walker.pressBack();
    // Each press gets a short look; the last one the step's whole wait.
    if ((await run.walker.poll(presses === 3 ? timeoutMs : Math.min(timeoutMs, 3_000), there)) === true) return;
  }
  throw new StepNotFound(step.name, `${describeSelectors(step.until)} (after BACK 3 times)`, timeoutMs, run.walker.lastDump);
}

/**
 * Opens a link in the app (`am start -a VIEW -d <url> <package>`: the package limits the intent
 * to the app, so no chooser). A deep link does not always land (a cold app drops it, a slow one
 * shows its feed first), so it is sent again, at most 3 times, until `until` shows.
 */
export async function openLink(step: Extract<Step, { do: "open_link" }>, run: Run): Promise<void> {
  const { url } = step;
  const timeoutMs = waitOf(step, run);
  for (let attempt = 1; attempt <= 3; attempt++) {
    const started = await run.driver.startActivity(["-a", "android.intent.action.VIEW", "-d", url, run.packageName]);
    if (!started.ok) throw new ScriptFailure(FailCode.UiStepNotFound, `"${step.name}": ${run.packageName} did not open ${url}: ${started.output.trim().slice(0, 300)}`);
    const seen = await run.walker.poll(timeoutMs, (nodes) => findTarget(nodes, step.until, run.walker.screenSize));
    if (seen !== undefined) return;
    if (attempt < 3) await run.context.log("info", `"${step.name}": ${describeSelectors(step.until)} not shown after opening ${url} (try ${attempt} of 3): opening it again`);
  }
  throw new StepNotFound(step.name, `${describeSelectors(step.until)} (after opening ${url} 3 times)`, timeoutMs, run.walker.lastDump);
}

/** Starts the app from its launcher icon (or brings it to the front where it was). */
export async function launchApp(driver: PhoneDriver, packageName: string): Promise<void> {
  const result = await driver.shell(shellLine`monkey -p ${packageName} -c android.intent.category.LAUNCHER 1`);
  if (result.exitCode !== 0) {
    // `pm path` found it, so an app without a launcher entry (disabled, broken install).
    throw new ScriptFailure(FailCode.AppNotInstalled, `${packageName} could not be started: ${(result.stdout + result.stderr).trim().slice(0, 200)}`);
  }
}
