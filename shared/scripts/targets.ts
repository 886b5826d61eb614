import { z } from "zod";

/**
 * What `follow`, `unfollow` and `comment` act on: other people's usernames and posts, named
 * the ways TikMatrix's script pages allow. Each create makes one task per target per phone,
 * so each stored task names exactly one (docs/scripts/follow.md, comment.md).
 */

/** Targets one create may name; with its phones it makes at most MAX_TARGETS tasks anyway. */
export const MAX_TARGETS_PER_CREATE = 1000;
/** A target_user / target_post_url string: its whole length, before it is split. */
export const TARGET_TEXT_MAX = 100_000;

/**
 * TikTok usernames are 2–24 letters, digits, `_` and `.`; Instagram's up to 30 of the same.
 * One rule for both: 1–30 of those, a leading `@` allowed (TikMatrix's examples mix both).
 */
const USERNAME = /^@?[A-Za-z0-9._]{1,30}$/;

/** A target username as the apps show it: no `@`, lowercased (both apps treat names so). */
export function canonicalTarget(name: string): string {
  return name.trim().replace(/^@/, "").toLowerCase();
}

export const targetUserSchema = z
  .string()
  .max(31)
  .refine((name) => USERNAME.test(name.trim()), { message: "must be a TikTok or Instagram username: 1-30 letters, digits, _ or . (a leading @ is fine)" });

/** Several names or URLs in one string, as TikMatrix takes them: one per line, or comma-separated. */
export function splitTargets(text: string): string[] {
  return text
    .split(/[\r\n,，]+/)
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

/** The list without repeats, first one kept: the same target twice in one create is one task. */
export function unique(list: readonly string[], key: (entry: string) => string): string[] {
  const seen = new Set<string>();
  return list.filter((entry) => {
    const k = key(entry);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export type PostLink = { platform: "tiktok"; kind: "video" | "photo" | "short"; url: string } | { platform: "instagram"; kind: "p" | "reel"; url: string };

const TIKTOK_POST = /^https?:\/\/(?:(?:www|m)\.)?tiktok\.com\/@[A-Za-z0-9._]{1,30}\/(video|photo)\/\d{1,25}\/?$/i;
const TIKTOK_SHORT = /^https?:\/\/(?:vm|vt)\.tiktok\.com\/[A-Za-z0-9]{4,20}\/?$/i;
const INSTAGRAM_POST = /^https?:\/\/(?:www\.)?instagram\.com\/(?:[A-Za-z0-9._]{1,30}\/)?(p|reels?|tv)\/[A-Za-z0-9_-]{5,64}\/?$/i;

/**
 * A post's URL in one of the forms TikMatrix's comment page lists (tiktok.com/@u/video/<id>,
 * vm.tiktok.com/…, instagram.com/p/<id>/, instagram.com/reel/<id>/), plus TikTok's /photo/ posts
 * and Instagram's /reels/ and /tv/ spellings. A query or fragment (a share link's tracking) is
 * dropped, as TikMatrix's own app does. Anything else is undefined.
 */
export function postLinkOf(raw: string): PostLink | undefined {
  const trimmed = raw.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  const bare = `https://${url.host.toLowerCase()}${url.pathname}`;
  const tiktok = TIKTOK_POST.exec(bare);
  if (tiktok?.[1] !== undefined) return { platform: "tiktok", kind: tiktok[1].toLowerCase() === "photo" ? "photo" : "video", url: bare };
  if (TIKTOK_SHORT.test(bare)) return { platform: "tiktok", kind: "short", url: bare };
  const instagram = INSTAGRAM_POST.exec(bare);
  if (instagram?.[1] !== undefined) return { platform: "instagram", kind: instagram[1].toLowerCase() === "p" ? "p" : "reel", url: bare };
  return undefined;
}

export const postUrlSchema = z
  .string()
  .max(2048)
  .refine((url) => postLinkOf(url) !== undefined, {
    message: "must be a post's URL: https://www.tiktok.com/@user/video/<id>, https://vm.tiktok.com/<code>/, https://www.instagram.com/p/<code>/ or https://www.instagram.com/reel/<code>/",
  });
