import type { PhoneDriver } from "../../adb/phone-driver";
import type { ExecutionContext } from "../../runner";
import type { Step } from "../apps/app-data";
import type { ScreenWalker } from "../ui/screen-walker";
import type { PhoneMedia } from "./phone-media";
import type { PostPlan } from "./post-options";
import type { TextEntry } from "./text-entry";

/** What every step of a flow works with: the phone, the task, and its screen data's parts. */
export interface FlowRun {
  driver: PhoneDriver;
  walker: ScreenWalker;
  context: ExecutionContext;
  packageName: string;
  media: readonly PhoneMedia[];
  caption: { title: string; description: string };
  /** The sound, volumes, link and label the task asks for; decides which steps run. */
  plan: PostPlan;
  /** The app data's shared steps, for `include`. */
  parts: Readonly<Record<string, readonly Step[]>>;
  text: TextEntry;
  /** The task's upload_wait_time; 0 means do not wait. */
  uploadWaitS: number;
  /** The task's sound_wait_time: how long a sound may take to load. */
  soundWaitS: number;
  /** A step's wait when its data gives none. */
  stepTimeoutMs: number;
  /** Takes a screenshot for the task; failures are logged by the caller's function. */
  screenshot(label: string): Promise<void>;
}

/** A step's wait: its own, or the default; a step that waits for a sound at least the task's sound_wait_time. */
export function waitOf(step: { timeout_s?: number; sound_wait?: true }, run: Pick<FlowRun, "stepTimeoutMs" | "soundWaitS">): number {
  const own = step.timeout_s === undefined ? run.stepTimeoutMs : step.timeout_s * 1000;
  return step.sound_wait === true ? Math.max(own, run.soundWaitS * 1000) : own;
}

