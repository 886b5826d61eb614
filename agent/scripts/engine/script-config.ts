import type { z } from "zod";
import { FailCode } from "../../../shared/fail-codes";
import type { RunMessage } from "../../../shared/protocol/messages";
import { ScriptFailure } from "./script-failure";

/**
 * The task's stored config read with its script's schema (the defaults filled in). The worker
 * validated it with the same schema at create, so only an agent older than the server fails here.
 */
export function parseScriptConfig<S extends z.ZodType>(schema: S, run: RunMessage): z.output<S> {
  const parsed = schema.safeParse(run.config);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
  throw new ScriptFailure(FailCode.UiStepNotFound, `script_config is not one this agent understands (update the agent?): ${issues}`);
}
