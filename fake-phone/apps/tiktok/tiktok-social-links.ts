import { parseUri } from "../../shell/intent.js";

/** What a profile or video link names; a short code is looked up in TikTokOptions.shortLinks. */
export type SocialLink = { user: string } | { post: string } | { short: string };

const WEB_HOSTS = new Set(["www.tiktok.com", "tiktok.com", "m.tiktok.com"]);
const SHORT_HOSTS = new Set(["vm.tiktok.com", "vt.tiktok.com"]);

/**
 * A profile or video link (research §2.1: VED and TTJ open `https://www.tiktok.com/@<user>`;
 * TKT43 opened a video by URL): `/@<user>`, `/@<user>/video/<id>`, `/@<user>/photo/<id>` on the
 * web hosts, a trailing "/" or a query allowed (parseUri leaves the query out), and the short
 * links `vm.` / `vt.tiktok.com/<code>/` and `www.tiktok.com/t/<code>/`. Undefined for anything
 * else (a sound's page is tiktok-sounds.ts's).
 */
export function socialLink(url: string): SocialLink | undefined {
  const uri = parseUri(url);
  if (uri === undefined || uri.scheme !== "https") return undefined;
  if (SHORT_HOSTS.has(uri.host)) {
    const code = /^\/([A-Za-z0-9]+)\/?$/.exec(uri.path)?.[1];
    return code === undefined ? undefined : { short: code };
  }
  if (!WEB_HOSTS.has(uri.host)) return undefined;
  const short = /^\/t\/([A-Za-z0-9]+)\/?$/.exec(uri.path)?.[1];
  if (short !== undefined) return { short };
  const post = /^\/@[^/]+\/(?:video|photo)\/(\d+)\/?$/.exec(uri.path)?.[1];
  if (post !== undefined) return { post };
  const user = /^\/@([^/]+)\/?$/.exec(uri.path)?.[1];
  return user === undefined ? undefined : { user: decodeURIComponent(user) };
}
