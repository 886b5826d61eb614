import { z } from "zod";
import { COMMENT_ORDERS, commentLinesOf, flag } from "./comment";

/**
 * `script_config` of `account_warmup` (TikMatrix's account-warmup-script page, with its
 * spelling `floow_probable`): watch the feed (or a topic's videos) for `task_duration` seconds,
 * each video `min_duration`–`max_duration` seconds, and like, follow, save and comment by the
 * given chances. docs/scripts/account-warmup.md.
 */
const percent = z.number().int().min(0).max(100).default(0);
const seconds = (min: number, max: number, fallback: number) => z.number().int().min(min).max(max).default(fallback);

/**
 * The chat endpoint: https, or plain http only to this machine's loopback (a model served on the
 * studio PC), as the api_key travels with every request.
 */
const endpointUrl = z
  .string()
  .max(500)
  .url()
  .refine((text) => {
    const url = parseUrl(text);
    return url === undefined || url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname));
  }, "must be an https URL (plain http only to localhost or 127.0.0.1): the api_key is sent with every request");
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Undefined for what is no URL at all: `.url()` reports that one. */
function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** TikMatrix's API page shape, and its desktop app's (`url`, `system_prompt`): both are taken. */
const chatgptApiShape = z.strictObject({
  api_key: z.string().min(1).max(500),
  model: z.string().min(1).max(100).optional(),
  prompt: z.string().max(4000).optional(),
  max_tokens: z.number().int().min(1).max(4000).optional(),
  temperature: z.number().min(0).max(2).optional(),
  base_url: endpointUrl.optional(),
});
const chatgptAppShape = z.strictObject({
  url: endpointUrl.optional(),
  api_key: z.string().min(1).max(500),
  model: z.string().min(1).max(100).optional(),
  system_prompt: z.string().max(4000).optional(),
});

const warmupFields = z.strictObject({
  task_duration: seconds(30, 4 * 3600, 600),
  topic: z.string().max(4000).default(""),
  min_duration: seconds(1, 600, 15),
  max_duration: seconds(1, 600, 30),
  like_probable: percent,
  floow_probable: percent,
  collect_probable: percent,
  comment_probable: percent,
  comment: z.string().max(100_000).default(""),
  insert_emoji: flag,
  comment_order: z.enum(COMMENT_ORDERS).default("random"),
  generate_by_chatgpt: flag,
  chatgpt_settings: z.union([z.strictObject({}), chatgptApiShape, chatgptAppShape]).default({}),
});

export const warmupConfigSchema = warmupFields.superRefine((config, ctx) => {
  if (config.min_duration > config.max_duration) ctx.addIssue({ code: "custom", path: ["min_duration"], message: "must not be greater than max_duration" });
  if (config.generate_by_chatgpt) {
    if (!("api_key" in config.chatgpt_settings)) ctx.addIssue({ code: "custom", path: ["chatgpt_settings", "api_key"], message: "is required when generate_by_chatgpt is true" });
  } else if (config.comment_probable > 0 && commentLinesOf(config.comment).length === 0) {
    ctx.addIssue({ code: "custom", path: ["comment"], message: "is required when comment_probable is above 0: comment templates, one per line (or generate_by_chatgpt with chatgpt_settings)" });
  }
});

export type WarmupConfig = z.output<typeof warmupConfigSchema>;

/** The topics to search: one per line; none means the For You feed (TikTok) or Reels (Instagram). */
export function topicsOf(config: Pick<WarmupConfig, "topic">): string[] {
  return config.topic
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}
