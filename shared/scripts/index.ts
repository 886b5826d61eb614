import type { z } from "zod";
import type { Platform } from "../platforms";
import { commentConfigSchema, commentFanOut, commentPlatformProblem } from "./comment";
import { followConfigSchema, followFanOut } from "./follow";
import { matchAccountsConfigSchema } from "./match-accounts";
import { warmupConfigSchema } from "./warmup";
import { type LibraryDemand, libraryDemandOf, postConfigSchema, postPlatformProblem } from "./post";

/** A script the API accepts: the schema of its `script_config`, and what a platform cannot do of it. */
export interface ScriptDefinition<S extends z.ZodType = z.ZodType> {
  config: S;
  /** "field: why" when the config asks what the platform's app cannot do; checked per task. */
  platformProblem(config: z.output<S>, platform: Platform): string | undefined;
  /** What the script takes from the workspace's material library; absent for scripts that post nothing. */
  library?(config: z.output<S>): LibraryDemand;
  /**
   * The configs of the tasks one phone (or account) gets: one per target for the scripts that act
   * on other people's users or posts (TikMatrix: "one task per target user"). Absent: one task,
   * with the config as the client gave it.
   */
  fanOut?(raw: Record<string, unknown>, config: z.output<S>): Record<string, unknown>[];
  /** The script reads the phone itself (match_accounts): only serials, one task per phone, never per account. */
  phonesOnly?: true;
  /** Seconds the run may spend waiting on purpose (upload waits, a warm-up's duration): added to its deadline. */
  waitSeconds?(config: z.output<S>): number;
  /**
   * Fields of the config that are secrets (a ChatGPT api_key): the Worker keeps them sealed apart
   * from the stored script_config, never shows them back, and gives them only to the agent that
   * runs the task (docs/task-secrets.md).
   */
  secrets?: readonly SecretPath[];
}

/** Where a secret sits in a script_config: `["chatgpt_settings", "api_key"]`. */
export type SecretPath = readonly [string, ...string[]];

function script<S extends z.ZodType>(definition: ScriptDefinition<S>): ScriptDefinition<S> {
  return definition;
}

const anywhere = () => undefined;

/**
 * The scripts the API accepts. A script is listed here only once the agent can run it: any
 * other name is answered 40003.
 */
export const SCRIPTS = {
  post: script({
    config: postConfigSchema,
    platformProblem: postPlatformProblem,
    library: libraryDemandOf,
    waitSeconds: (config) => config.upload_wait_time + config.sound_wait_time,
  }),
  follow: script({ config: followConfigSchema, platformProblem: anywhere, fanOut: followFanOut }),
  unfollow: script({ config: followConfigSchema, platformProblem: anywhere, fanOut: followFanOut }),
  comment: script({ config: commentConfigSchema, platformProblem: commentPlatformProblem, fanOut: commentFanOut }),
  match_accounts: script({ config: matchAccountsConfigSchema, platformProblem: anywhere, phonesOnly: true }),
  account_warmup: script({
    config: warmupConfigSchema,
    platformProblem: anywhere,
    waitSeconds: (config) => config.task_duration,
    secrets: [["chatgpt_settings", "api_key"]],
  }),
} as const;

export type ScriptName = keyof typeof SCRIPTS;

export function isScriptName(name: string): name is ScriptName {
  return Object.hasOwn(SCRIPTS, name);
}

/** The seconds a task's run may wait on purpose, from its stored config; 0 for a config that no longer parses. */
export function waitSecondsOf(name: ScriptName, config: unknown): number {
  const definition: ScriptDefinition = SCRIPTS[name];
  if (definition.waitSeconds === undefined) return 0;
  const parsed = definition.config.safeParse(config);
  return parsed.success ? definition.waitSeconds(parsed.data) : 0;
}
