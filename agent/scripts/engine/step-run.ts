import type { PhoneDriver } from "../../adb/phone-driver";
import type { ExecutionContext } from "../../runner";
import type { Step, StepCondition } from "../apps/app-data";
import type { ScreenWalker } from "../ui/screen-walker";
import type { TextEntry } from "./text-entry";

/** What every step of every script works with: the phone, the task, and its screen data's parts. */
export interface StepRun {
  driver: PhoneDriver;
  walker: ScreenWalker;
  context: ExecutionContext;
  packageName: string;
  /** The app data's shared steps, for `include`. */
  parts: Readonly<Record<string, readonly Step[]>>;
  text: TextEntry;
  /** What `{name}` stands for in the steps' texts, links and selectors: `{sound}`, `{user}`, `{url}`, `{comment}`. */
  values: Readonly<Record<string, string>>;
  /** The conditions the task asks for: a step with `if` runs only when one of its conditions is here. */
  asks: ReadonlySet<StepCondition>;
  /** How long a sound may take to load (a post's sound_wait_time; 0 for scripts without sounds). */
  soundWaitS: number;
  /** A step's wait when its data gives none. */
  stepTimeoutMs: number;
  /** The source of a person's randomness (pauses, swipes); Math.random but in tests. */
  random: () => number;
  /** Takes a screenshot for the task; failures are logged by the caller's function. */
  screenshot(label: string): Promise<void>;
}

/** A step's wait: its own, or the default; a step that waits for a sound at least the task's sound_wait_time. */
export function waitOf(step: { timeout_s?: number; sound_wait?: true }, run: Pick<StepRun, "stepTimeoutMs" | "soundWaitS">): number {
  const own = step.timeout_s === undefined ? run.stepTimeoutMs : step.timeout_s * 1000;
  return step.sound_wait === true ? Math.max(own, run.soundWaitS * 1000) : own;
}

/** Whether a step's `if` holds: absent, or one of the conditions it names is asked for. */
export function asked(asks: ReadonlySet<StepCondition>, condition: StepCondition | readonly StepCondition[] | undefined): boolean {
  if (condition === undefined) return true;
  return (typeof condition === "string" ? [condition] : condition).some((one) => asks.has(one));
}
