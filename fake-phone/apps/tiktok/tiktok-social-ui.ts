import { px } from "../../system/device-profile.js";
import type { MediaStore } from "../../system/media-store.js";
import { keyboardFrame } from "../../window/keyboard-window.js";
import { contentArea } from "../../window/system-bars.js";
import { DESIGN_HEIGHT } from "../../window/view.js";
import type { SocialPost, SocialWorld } from "../social-world.js";
import type { TikTokSocialStrings } from "./tiktok-social-strings.js";
import { compactCount } from "./tiktok-sounds.js";
import type { TikTokUi } from "./tiktok-ui.js";

/** What the social screens (profiles, videos, comments, search rows) use of the app besides TikTokUi. */
export interface TikTokSocialUi extends TikTokUi {
  world(): SocialWorld;
  s(): TikTokSocialStrings;
  /**
   * Runs a world action (follow, like, save, comment) unless the account's state refuses it: then
   * nothing changes (a rate limit shows its notice). True when it ran. The only way to the world's actions.
   */
  act(what: string, run: () => void): boolean;
  openUser(username: string): void;
  /** The vertical video viewer (DetailActivity) over these posts, at `index`; [] for the unavailable page. */
  openVideos(posts: readonly SocialPost[], index: number): void;
  openComments(post: SocialPost): void;
  media(): MediaStore;
  photoAccess(): "full" | "partial" | "none";
  askPhotos(): void;
  /** The text field that has focus (the app's TextFields), if any. */
  focusedField(): string | undefined;
}

/**
 * Content-descs of the video's controls and the comment sheet. RS measured them "in English
 * regardless of the UI language" (`Follow <name>`, `Read or add comments. 15 comments`), so
 * they are not in the strings; the wording is GK's v43 dumps'.
 */
export const DESC = {
  avatar: (name: string) => `${name} profile`,
  follow: (name: string) => `Follow ${name}`,
  like: (n: number) => `Like video. ${descCount(n)} ${n === 1 ? "like" : "likes"}`,
  likeIcon: "Like",
  comments: (n: number) => `Read or add comments. ${descCount(n)} ${n === 1 ? "comment" : "comments"}`,
  favorites: "Add or remove this video from Favorites.",
  share: (n: number) => `Share video. ${descCount(n)} ${n === 1 ? "share" : "shares"}`,
  sound: (author: string) => `Sound: original sound - ${author} by ${author}`,
  video: "Video",
  back: "Back",
  notifications: "Notifications",
  share2: "Share",
  videosTab: "Videos",
  sort: "Sort",
  close: "Close",
  thumbsUp: "Thumbs up",
  stickers: "Stickers",
  mention: "Mention someone",
  // GK 160007 shows these two unresolved: the dump has the resource reference itself.
  commentLikeButton: "@2131888139",
  attachImage: "@2131888096",
  // VN-U2 clicks content-desc "Post comment" (no text); the button shows only once there is text.
  post: "Post comment",
} as const;

/** A count in a desc as GK's dumps show them: "4,926" below 10,000, then "169.2K". */
export function descCount(n: number): string {
  return n < 10_000 ? n.toLocaleString("en-US") : compactCount(n);
}

/** A counter's text under an icon: "334", then "26K" from 10,000 (GK `f4z`, `dp6`, `gtv`). */
export function countText(n: number): string {
  return n < 10_000 ? String(n) : compactCount(n);
}

/** A stable number in [0, mod) drawn from a name: counts no world records (followers, shares). */
export function seeded(key: string, mod: number): number {
  let hash = 2166136261;
  for (const char of key) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 16777619);
  return (hash >>> 0) % mod;
}

/** The design-space y where the phone's own keyboard starts (the comment field sits just above it). */
export function keyboardTop(ui: Pick<TikTokUi, "profile">): number {
  const profile = ui.profile();
  const navBarTop = profile.screen.height - px(48, profile);
  const { frame } = keyboardFrame(profile, profile.keyboard, navBarTop);
  const [, top, , bottom] = contentArea(profile);
  return Math.floor(((frame[1] - top) * DESIGN_HEIGHT) / (bottom - top));
}
