import { z } from "zod";
import { ApiCode } from "../../../shared/api-codes";
import type { Platform } from "../../../shared/platforms";
import { isScriptName, type ScriptDefinition, SCRIPTS, type ScriptName, type SecretPath } from "../../../shared/scripts";
import type { LibraryDemand } from "../../../shared/scripts/post";
import { validate } from "../../../shared/validation";
import { usernameSchema } from "../../accounts/fields";
import { serialSchema } from "../../devices/serial";
import { ApiError, invalid } from "../../http/api-error";

/** At most this many serials or usernames in one create, and tasks made by one create. */
export const MAX_TARGETS = 1000;

const intervalSchema = z.number().int().min(0).max(1440).default(0);

const createBodySchema = z
  .strictObject({
    serials: z.array(serialSchema).min(1).max(MAX_TARGETS).optional(),
    usernames: z.array(usernameSchema).min(1).max(MAX_TARGETS).optional(),
    script_name: z.string(),
    script_config: z.record(z.string(), z.unknown()),
    enable_multi_account: z.boolean().default(false),
    min_interval: intervalSchema,
    max_interval: intervalSchema,
    start_time: z.string().max(64).optional(),
  })
  .refine((body) => body.serials !== undefined || body.usernames !== undefined, {
    message: "serials or usernames is required",
  })
  .refine((body) => body.min_interval <= body.max_interval, {
    message: "min_interval must not be greater than max_interval",
    path: ["min_interval"],
  });

export type TargetSpec =
  | { mode: "serials"; serials: string[]; multiAccount: boolean }
  | { mode: "usernames"; usernames: string[] };

export interface CreateRequest {
  targets: TargetSpec;
  scriptName: ScriptName;
  /**
   * The config of each task one phone (or account) gets, as the client gave it (stored so,
   * defaults applied by the agent); several when the script makes one task per target user or post.
   */
  scriptConfigs: Record<string, unknown>[];
  /** Where the configs hold secrets, kept sealed apart from the stored config (worker/tasks/secrets/). */
  secretPaths: readonly SecretPath[];
  /** "field: why" when the config asks what the platform's app cannot do (checked once targets are known). */
  platformProblem(platform: Platform): string | undefined;
  /** What the tasks take from the material library (lib:<id> entries are checked at create). */
  library: LibraryDemand | undefined;
  minIntervalMinutes: number;
  maxIntervalMinutes: number;
  startTime: string | undefined;
}

/**
 * Checks a create body in the order TikMatrix answers: a missing script name (40002),
 * an unsupported one (40003), then every other field and the script's config (40001).
 * `usernames` wins over `serials` when both are given, as in TikMatrix.
 */
export function parseCreateRequest(body: Record<string, unknown>): CreateRequest {
  const name = body.script_name;
  if (name === undefined || name === null || name === "") {
    throw new ApiError(ApiCode.ScriptNameMissing, "script_name is required");
  }
  if (typeof name !== "string") throw invalid("script_name must be a string");
  if (!isScriptName(name)) {
    throw new ApiError(
      ApiCode.ScriptNotSupported,
      `script ${JSON.stringify(name)} is not supported via API (supported: ${Object.keys(SCRIPTS).join(", ")})`,
    );
  }
  const parsed = validate(createBodySchema, body);
  if (!parsed.ok) throw invalid(parsed.message);
  // Widened to the one shape every script has: its config is validated by its own schema here.
  const script: ScriptDefinition = SCRIPTS[name];
  const config = validate(script.config, parsed.value.script_config, "script_config");
  if (!config.ok) throw invalid(config.message);
  const settings = config.value;

  const { serials, usernames } = parsed.value;
  // TikMatrix forces enable_multi_account off for match_accounts; accounts are what it looks for.
  if (script.phonesOnly === true && usernames !== undefined) throw invalid(`usernames: ${name} reads the phones' accounts, so it takes serials`);
  const multiAccount = script.phonesOnly === true ? false : parsed.value.enable_multi_account;
  return {
    targets:
      usernames !== undefined
        ? { mode: "usernames", usernames }
        : { mode: "serials", serials: serials ?? [], multiAccount },
    scriptName: name,
    scriptConfigs: script.fanOut?.(parsed.value.script_config, settings) ?? [parsed.value.script_config],
    secretPaths: script.secrets ?? [],
    platformProblem: (platform) => script.platformProblem(settings, platform),
    library: script.library?.(settings),
    minIntervalMinutes: parsed.value.min_interval,
    maxIntervalMinutes: parsed.value.max_interval,
    startTime: parsed.value.start_time,
  };
}
