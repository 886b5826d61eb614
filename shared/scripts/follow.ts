import { z } from "zod";
import { canonicalTarget, MAX_TARGETS_PER_CREATE, splitTargets, TARGET_TEXT_MAX, targetUserSchema, unique } from "./targets";

/**
 * `script_config` of `follow` and `unfollow` (TikMatrix's follow-script and unfollow-script
 * pages: the same fields). `target_users` wins over `target_user`; `target_username` is the
 * name TikMatrix's own code examples send, taken as a last resort so those examples work.
 */
export const ACCESS_METHODS = ["direct", "search"] as const;
export type AccessMethod = (typeof ACCESS_METHODS)[number];

const followFields = z.strictObject({
  target_users: z.array(targetUserSchema).max(MAX_TARGETS_PER_CREATE).default([]),
  target_user: z.string().max(TARGET_TEXT_MAX).default(""),
  target_username: z.string().max(TARGET_TEXT_MAX).default(""),
  access_method: z.enum(ACCESS_METHODS).default("direct"),
});

type FollowFields = z.output<typeof followFields>;

/** Which field the targets come from: the first one that names any. */
function targetField(config: FollowFields): "target_users" | "target_user" | "target_username" | undefined {
  if (config.target_users.length > 0) return "target_users";
  if (splitTargets(config.target_user).length > 0) return "target_user";
  return splitTargets(config.target_username).length > 0 ? "target_username" : undefined;
}

function rawTargets(config: FollowFields): string[] {
  const field = targetField(config);
  if (field === undefined) return [];
  return field === "target_users" ? config.target_users : splitTargets(config[field]);
}

/** The usernames to follow (or unfollow), without `@`, lowercased, each once, in the client's order. */
export function followTargetsOf(config: FollowFields): string[] {
  return unique(rawTargets(config).map(canonicalTarget), (name) => name);
}

export const followConfigSchema = followFields.superRefine((config, ctx) => {
  const field = targetField(config);
  if (field === undefined) {
    ctx.addIssue({ code: "custom", path: ["target_users"], message: "target_users or target_user is required: the usernames to act on" });
    return;
  }
  if (field !== "target_users") {
    const names = splitTargets(config[field]);
    const bad = names.find((name) => !targetUserSchema.safeParse(name).success);
    if (bad !== undefined) ctx.addIssue({ code: "custom", path: [field], message: `names ${JSON.stringify(bad.slice(0, 40))}, which is not a username (1-30 letters, digits, _ or .; a leading @ is fine)` });
    if (names.length > MAX_TARGETS_PER_CREATE) ctx.addIssue({ code: "custom", path: [field], message: `names ${names.length} users; at most ${MAX_TARGETS_PER_CREATE}` });
  }
});

export type FollowConfig = z.output<typeof followConfigSchema>;

/**
 * One stored config per target: the client's config with its targets narrowed to that one
 * user, so each task shows whom it follows and the agent acts on exactly that one.
 */
export function followFanOut(raw: Record<string, unknown>, config: FollowConfig): Record<string, unknown>[] {
  const { target_user: _one, target_username: _alias, ...rest } = raw;
  return followTargetsOf(config).map((name) => ({ ...rest, target_users: [name] }));
}
