import { FailCode } from "../../../shared/fail-codes";
import type { Flow } from "../apps/app-data";
import { ScriptFailure } from "../engine/script-failure";
import type { FlowRun } from "./run-flow";

/** Hands the pushed media to the flow's share activity with a SEND intent. */
export async function share(run: FlowRun, flow: Flow, name: string): Promise<void> {
  const [media] = run.media;
  // Both are checked when the data is loaded and the flow chosen; this is for the type checker.
  if (media === undefined || flow.share_activity === undefined) throw new Error(`"${name}" needs media and a share_activity`);
  const activity = flow.share_activity.startsWith(".") ? `${run.packageName}${flow.share_activity}` : flow.share_activity;
  const component = `${run.packageName}/${activity}`;
  const started = await run.driver.startActivity([
    "-a", "android.intent.action.SEND",
    "-t", media.mime,
    "--eu", "android.intent.extra.STREAM", media.uri,
    "--grant-read-uri-permission",
    "-n", component,
  ]);
  if (!started.ok) {
    // The share activities are not a public API: a new app version may rename them.
    throw new ScriptFailure(FailCode.UiStepNotFound, `"${name}": ${component} did not start: ${started.output.trim().slice(0, 300)}`);
  }
}
