import type { z } from "zod";
import type { Platform } from "../platforms";
import { type LibraryDemand, libraryDemandOf, postConfigSchema, postPlatformProblem } from "./post";

/** A script the API accepts: the schema of its `script_config`, and what a platform cannot do of it. */
export interface ScriptDefinition<S extends z.ZodType = z.ZodType> {
  config: S;
  /** "field: why" when the config asks what the platform's app cannot do; checked per task. */
  platformProblem(config: z.output<S>, platform: Platform): string | undefined;
  /** What the script takes from the workspace's material library; absent for scripts that post nothing. */
  library?(config: z.output<S>): LibraryDemand;
}

function script<S extends z.ZodType>(definition: ScriptDefinition<S>): ScriptDefinition<S> {
  return definition;
}

/**
 * The scripts the API accepts. A script is listed here only once the agent can run it: any
 * other name is answered 40003.
 */
export const SCRIPTS = {
  post: script({ config: postConfigSchema, platformProblem: postPlatformProblem, library: libraryDemandOf }),
} as const;

export type ScriptName = keyof typeof SCRIPTS;

export function isScriptName(name: string): name is ScriptName {
  return Object.hasOwn(SCRIPTS, name);
}
