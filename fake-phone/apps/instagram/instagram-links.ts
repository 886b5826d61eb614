import { ACTION_VIEW, CATEGORY_BROWSABLE, CATEGORY_DEFAULT, type Intent, matchesFilter, parseUri } from "../../shell/intent.js";
import type { InstagramScreen } from "./instagram-ui.js";

/**
 * Where instagram.com links land. `com.instagram.url.UrlHandlerActivity` is a class of the app's
 * (decompiled Instagram code names it; a public script starts it with `instagram://user?username=`
 * data); that its manifest filter is the one taking https links is a GUESS. TAKT and GA open
 * profiles and posts with `am start -a android.intent.action.VIEW -d https://www.instagram.com/…`
 * (tikmatrix-scripts.md §3.1), limited to the package or not.
 */
export const INSTAGRAM_URL_HANDLER = "com.instagram.url.UrlHandlerActivity";

export const INSTAGRAM_LINK_HOSTS = ["instagram.com", "www.instagram.com"] as const;

/**
 * An App Link filter: VIEW, DEFAULT and BROWSABLE, https only (the harder case: whether http
 * links resolve to the app is not recorded), the two hosts.
 */
export function resolvesLink(intent: Intent): boolean {
  return matchesFilter(intent, { actions: [ACTION_VIEW], categories: [CATEGORY_DEFAULT, CATEGORY_BROWSABLE], schemes: ["https"], hosts: INSTAGRAM_LINK_HOSTS });
}

/** Path segments that are Instagram's own pages, not usernames. */
const RESERVED = new Set(["p", "reel", "reels", "tv", "explore", "accounts", "stories", "direct", "about", "legal", "developer"]);

/**
 * The screen a link opens: `/<user>/` a profile, `/p/<code>/` a post and `/reel/<code>/` a
 * reel (the code is the world post's id); with or without the trailing slash, the query and
 * fragment ignored (parseUri drops them). Undefined for any other path (not modelled).
 */
export function linkScreen(url: string): InstagramScreen | undefined {
  const uri = parseUri(url);
  if (uri === undefined) return undefined;
  const parts = uri.path.split("/").filter((part) => part !== "");
  const [first = "", second] = parts;
  if (parts.length === 1 && !RESERVED.has(first.toLowerCase())) return `user:${decodeURIComponent(first)}`;
  if (parts.length === 2 && second !== undefined && first === "p") return `post:${second}`;
  if (parts.length === 2 && second !== undefined && first === "reel") return `reel:${second}`;
  return undefined;
}
