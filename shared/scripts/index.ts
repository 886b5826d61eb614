import type { z } from "zod";
import { postConfigSchema } from "./post";

/**
 * The scripts the API accepts, each with the schema of its `script_config`. A script is
 * listed here only once the agent can run it: any other name is answered 40003.
 */
export const SCRIPTS = {
  post: postConfigSchema,
} as const satisfies Record<string, z.ZodType>;

export type ScriptName = keyof typeof SCRIPTS;

export function isScriptName(name: string): name is ScriptName {
  return Object.hasOwn(SCRIPTS, name);
}
