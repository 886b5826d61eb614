import { z } from "zod";
import type { Platform } from "../platforms";
import { MAX_TARGETS_PER_CREATE, postLinkOf, postUrlSchema, splitTargets, TARGET_TEXT_MAX, unique } from "./targets";

/**
 * `script_config` of `comment` (TikMatrix's comment-script page). `target_post_urls` wins over
 * `target_post_url`; `comment_content` holds one comment per line, of which each task posts
 * one: at random, or in turn across the tasks of one create (`sequential`).
 */
export const COMMENT_ORDERS = ["random", "sequential"] as const;
export type CommentOrder = (typeof COMMENT_ORDERS)[number];

/** Longest comment each app takes (TikTok's box stops at 150 characters, Instagram's at 2,200). */
export const COMMENT_MAX: Readonly<Record<Platform, number>> = { tiktok: 150, instagram: 2200 };
const COMMENT_LINES_MAX = 1000;
const PATH_MAX = 1024;

/** TikMatrix's switches arrive as booleans, and from some clients as 0 / 1. */
export const flag = z
  .union([z.boolean(), z.literal(0), z.literal(1)])
  .default(false)
  .transform((value) => value === true || value === 1);

/** A file on the agent's PC or an https:// URL: where the comment's image comes from. */
const imagePath = z
  .string()
  .max(PATH_MAX)
  .refine((s) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(s) || /^https:\/\//i.test(s), { message: "must be a file path on the agent's PC or an https:// URL" });

const commentFields = z.strictObject({
  target_post_urls: z.array(postUrlSchema).max(MAX_TARGETS_PER_CREATE).default([]),
  target_post_url: z.string().max(TARGET_TEXT_MAX).default(""),
  comment_content: z.string().max(COMMENT_LINES_MAX * COMMENT_MAX.instagram),
  comment_order: z.enum(COMMENT_ORDERS).default("random"),
  insert_emoji: flag,
  comment_image_path: imagePath.default(""),
});

type CommentFields = z.output<typeof commentFields>;

/** The comments to choose from: the non-empty lines, trimmed. */
export function commentLinesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

function rawUrls(config: CommentFields): string[] {
  return config.target_post_urls.length > 0 ? config.target_post_urls : splitTargets(config.target_post_url);
}

/** The posts to comment on, as canonical URLs (no query), each once, in the client's order. */
export function commentTargetsOf(config: CommentFields): string[] {
  const urls = rawUrls(config).flatMap((raw) => {
    const link = postLinkOf(raw);
    return link === undefined ? [] : [link.url];
  });
  return unique(urls, (url) => url.toLowerCase());
}

export const commentConfigSchema = commentFields.superRefine((config, ctx) => {
  const field = config.target_post_urls.length > 0 ? "target_post_urls" : "target_post_url";
  const urls = rawUrls(config);
  if (urls.length === 0) ctx.addIssue({ code: "custom", path: ["target_post_urls"], message: "target_post_urls or target_post_url is required: the posts to comment on" });
  if (field === "target_post_url") {
    const bad = urls.find((url) => postLinkOf(url) === undefined);
    if (bad !== undefined) ctx.addIssue({ code: "custom", path: [field], message: `names ${JSON.stringify(bad.slice(0, 80))}, which is not a TikTok or Instagram post's URL` });
    if (urls.length > MAX_TARGETS_PER_CREATE) ctx.addIssue({ code: "custom", path: [field], message: `names ${urls.length} posts; at most ${MAX_TARGETS_PER_CREATE}` });
  }
  const lines = commentLinesOf(config.comment_content);
  if (lines.length === 0) ctx.addIssue({ code: "custom", path: ["comment_content"], message: "is required: one comment per line" });
  if (lines.length > COMMENT_LINES_MAX) ctx.addIssue({ code: "custom", path: ["comment_content"], message: `has ${lines.length} comments; at most ${COMMENT_LINES_MAX}` });
  const long = lines.find((line) => [...line].length > COMMENT_MAX.instagram);
  if (long !== undefined) ctx.addIssue({ code: "custom", path: ["comment_content"], message: `has a comment of ${[...long].length} characters; Instagram takes at most ${COMMENT_MAX.instagram}` });
});

export type CommentConfig = z.output<typeof commentConfigSchema>;

/** What a platform's app cannot do of the config: a post of the other app, an image on Instagram, a comment too long. */
export function commentPlatformProblem(config: CommentConfig, platform: Platform): string | undefined {
  const foreign = commentTargetsOf(config).find((url) => postLinkOf(url)?.platform !== platform);
  if (foreign !== undefined) return `target_post_urls: ${foreign} is not a ${platform === "tiktok" ? "TikTok" : "Instagram"} post, and this task runs on ${platform}`;
  if (platform === "instagram" && config.comment_image_path.trim() !== "") return "comment_image_path: Instagram comments take no image (TikTok only)";
  const long = commentLinesOf(config.comment_content).find((line) => [...line].length > COMMENT_MAX[platform]);
  if (long !== undefined) return `comment_content: a comment of ${[...long].length} characters; ${platform === "tiktok" ? "TikTok" : "Instagram"} takes at most ${COMMENT_MAX[platform]}`;
  return undefined;
}

/** One stored config per post: the client's config with its targets narrowed to that post. */
export function commentFanOut(raw: Record<string, unknown>, config: CommentConfig): Record<string, unknown>[] {
  const { target_post_url: _one, ...rest } = raw;
  return commentTargetsOf(config).map((url) => ({ ...rest, target_post_urls: [url] }));
}

/**
 * The comment a task posts: in turn by its place in the create (`sequential`, cycling), or at
 * random. TikMatrix counts its place by job; ours is the task's index in its create.
 */
export function pickComment(lines: readonly string[], order: CommentOrder, requestIndex: number, random: () => number): string {
  if (lines.length === 0) throw new Error("no comment to pick");
  const index = order === "sequential" ? requestIndex % lines.length : Math.floor(random() * lines.length);
  return lines[Math.min(index, lines.length - 1)] ?? "";
}

/** The emoji TikMatrix's insert_emoji draws from (its tooltip lists them). */
export const EMOJI_POOL = [..."😃😄😁😆😅😂🤣😊😇🙂🙃😉😋😛😝😜🤪😎🤩🥳😏🤗🤠😍😘😚😙😗🥰🤤😻😽💖💗💓💞💕💟💌🌟✨💫🎉🎊🎁🎈🍾🥂🍻"];

/** The comment with one emoji of the pool at its end (TikMatrix does not say where; the end reads naturally). */
export function withEmoji(comment: string, random: () => number): string {
  const emoji = EMOJI_POOL[Math.floor(random() * EMOJI_POOL.length)] ?? "✨";
  return `${comment} ${emoji}`;
}
