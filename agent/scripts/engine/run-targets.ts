import type { ExecutionContext } from "../../runner";
import type { FlowStep, StepCondition } from "../apps/app-data";
import { type AppSession, screenshotOnFailure, screenshot } from "./app-session";
import { type Ending, runSteps } from "./run-steps";

/** One target of a script that acts on other people: its placeholders, and its remark when the steps end plainly. */
export interface TargetRun {
  values: Record<string, string>;
  done: string;
}

/**
 * A script's steps once per target (a user to follow, a post to comment on), in order: each
 * target's remark is logged; the first one that ends the script failed stops it, with the
 * screenshot of that screen, as does a failure the screen shows. Success: the remarks joined.
 */
export async function runPerTarget(session: AppSession, context: ExecutionContext, steps: readonly FlowStep[], targets: readonly TargetRun[], asks: ReadonlySet<StepCondition>): Promise<Ending> {
  const remarks: string[] = [];
  try {
    for (const target of targets) {
      const ending = await runSteps(steps, session.stepRun(target.values, asks));
      if (ending !== undefined && !ending.ok) {
        await screenshot(session.driver, context, "at the failure");
        return ending;
      }
      const remark = ending?.remark ?? target.done;
      remarks.push(remark);
      await context.log("info", remark);
    }
  } catch (error) {
    await screenshotOnFailure(session.driver, context, error);
    throw error;
  }
  return { ok: true, remark: remarks.join("; ").slice(0, 1000) };
}
