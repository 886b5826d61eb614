import { setTimeout as sleep } from "node:timers/promises";
import { FailCode } from "../../../shared/fail-codes";
import type { FlowStep, Step, StepEnd } from "../apps/app-data";
import { describeSelectors, fillSelector, findTarget, type Selector } from "../ui/selector";
import { StepNotFound } from "../ui/screen-walker";
import { backUntil, launchApp, openLink, publish, tap, waitUntil } from "./flow-steps";
import { switchOn, typeText } from "./form-steps";
import { asked, type StepRun, waitOf } from "./step-run";

/** A script ended by its screens before its last step: nothing left to do, or a final failure. */
export type Ending = { ok: true; remark: string } | { ok: false; failCode: FailCode; remark: string };

const END_CODES: Readonly<Record<Exclude<StepEnd, "done">, FailCode>> = { target_not_found: FailCode.TargetNotFound };

/** What a script adds to the shared steps: the steps only it has, and the ones its state makes moot. */
export interface OwnSteps<R extends StepRun> {
  /** Runs a step of the script's own (a post's upload wait); false when the step is a shared one. */
  run(step: Step, run: R): Promise<boolean>;
  /** The script's state makes the step moot (a post's confirmation once the app said it is out). */
  skips?(step: Step, run: R): boolean;
}

const NONE: OwnSteps<StepRun> = { run: () => Promise.resolve(false) };

/**
 * The one engine of steps every script runs (the data's meaning of each step is in
 * apps/app-data.ts): each step's `if` is checked against what the task asks, `include` runs a
 * part in place, `{name}` placeholders are filled with the task's values, and a step that ends
 * the script (an `either` way with `end`) returns how.
 */
export async function runSteps<R extends StepRun>(steps: readonly FlowStep[], run: R, own: OwnSteps<R> = NONE as OwnSteps<R>): Promise<Ending | undefined> {
  for (const raw of steps) {
    run.context.signal.throwIfAborted();
    if (!asked(run.asks, raw.if)) continue;
    if (raw.do === "include") {
      const ending = await runSteps(run.parts[raw.part] ?? [], run, own);
      if (ending !== undefined) return ending;
      continue;
    }
    if (own.skips?.(raw, run) === true) continue;
    const step = fillStep(raw, run.values);
    run.context.progress(step.name);
    if (await own.run(step, run)) continue;
    const ending = await runShared(step, run);
    if (ending !== undefined) return ending;
  }
  return undefined;
}

async function runShared(step: Step, run: StepRun): Promise<Ending | undefined> {
  switch (step.do) {
    case "launch":
      await launchApp(run.driver, run.packageName);
      if (step.until !== undefined) await run.walker.waitFor(step.name, step.until, waitOf({ timeout_s: 30 }, run));
      return undefined;
    case "tap":
      await (step.posts === true ? publish(step, run) : tap(step, run));
      return undefined;
    case "either":
      return either(step, run);
    case "wait":
      await waitUntil(step, run);
      return undefined;
    case "back":
      await backUntil(step, run);
      return undefined;
    case "open_link":
      await openLink(step, run);
      return undefined;
    case "type":
      await typeText(step, run);
      return undefined;
    case "switch_on":
      await switchOn(step, run);
      return undefined;
    case "pause":
      await pause(step, run);
      return undefined;
    case "swipe":
      await swipe(step, run);
      return undefined;
    default:
      // A step only one script has, in another's steps: the data's load check refuses that.
      throw new Error(`step "${step.name}" (${step.do}) is not one this script runs`);
  }
}

/** The first way whose `when` shows is taken: its taps, then its end, if it has one. */
async function either(step: Extract<Step, { do: "either" }>, run: StepRun): Promise<Ending | undefined> {
  const timeoutMs = waitOf(step, run);
  const way = await run.walker.poll(timeoutMs, (nodes) => step.ways.find((candidate) => findTarget(nodes, candidate.when, run.walker.screenSize) !== undefined));
  if (way === undefined) throw new StepNotFound(step.name, step.ways.map((candidate) => `(${describeSelectors(candidate.when)})`).join(" or "), timeoutMs, run.walker.lastDump);
  for (const next of way.steps) await runShared(next, run);
  if (way.end === undefined) return undefined;
  if (way.end.outcome === "done") return { ok: true, remark: way.end.remark };
  return { ok: false, failCode: END_CODES[way.end.outcome], remark: way.end.remark };
}

/** A random wait within the step's bounds, ended early by a stop or the deadline. */
async function pause(step: Extract<Step, { do: "pause" }>, run: StepRun): Promise<void> {
  const ms = Math.round((step.min_s + (step.max_s - step.min_s) * run.random()) * 1000);
  await sleep(ms, undefined, { signal: run.context.signal });
}

/** A swipe like a thumb's: its points and its speed a little different each time. */
async function swipe(step: Extract<Step, { do: "swipe" }>, run: StepRun): Promise<void> {
  const screen = run.walker.screenSize;
  let area = { left: 0, top: 0, width: screen.width, height: screen.height };
  if (step.within !== undefined) {
    const { target } = await run.walker.waitFor(step.name, step.within, waitOf({}, run));
    const bounds = target.node?.bounds;
    if (bounds !== undefined) area = { left: bounds.left, top: bounds.top, width: bounds.right - bounds.left, height: bounds.bottom - bounds.top };
  }
  const moved = (value: number) => Math.min(1, Math.max(0, value + (run.random() * 2 - 1) * step.jitter));
  const point = ([x, y]: readonly [number, number]) => ({ x: Math.round(area.left + area.width * moved(x)), y: Math.round(area.top + area.height * moved(y)) });
  const [shortest, longest] = step.duration_ms;
  await run.driver.swipe(point(step.from), point(step.to), Math.round(shortest + (Math.max(shortest, longest) - shortest) * run.random()));
  await run.walker.look();
}

/**
 * The step with `{name}` placeholders filled from the task's values, in its selectors (escaped
 * inside patterns) and its texts; placeholders it has no value for stay for the step to fill.
 */
export function fillStep<S extends Step>(step: S, values: Readonly<Record<string, string>>): S {
  if (Object.keys(values).length === 0) return step;
  const text = (value: string) => value.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  const walk = (value: unknown, key: string): unknown => {
    if (typeof value === "string") return key === "textMatches" || key === "descMatches" ? value : text(value);
    if (Array.isArray(value)) return value.map((item) => walk(item, key));
    if (value === null || typeof value !== "object") return value;
    if (SELECTOR_KEYS.has(key)) return fillSelector(value as Selector, values);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
  };
  return walk(step, "") as S;
}

/** The fields of steps that hold selectors (each a list of them). */
const SELECTOR_KEYS = new Set(["find", "until", "when", "for", "gone", "into", "submit", "confirm", "scroll", "within"]);
