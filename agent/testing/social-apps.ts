import { InstagramApp, SocialWorld, type SocialWorldOptions, TikTokApp } from "../../fake-phone";
import type { Platform } from "../../shared/platforms";

/**
 * The two apps the scripts that act on other people run on, as their tests need them: a fresh
 * model on a world of the test's, the platform's name and its links. The script suites
 * (follow, comment, warm-up) run once per app, each app in its own test file.
 */
export interface SocialApp {
  name: "TikTok" | "Instagram";
  platform: Platform;
  make(world: SocialWorldOptions): TikTokApp | InstagramApp;
  /** What a profile link opens, as the script sends it. */
  profileLink(user: string): string;
  /** The host part a search must not send as a link. */
  profileHost(user: string): string;
  /** A post's link, and another form of it the script takes as the same post. */
  postLinks(id: string): [string, string];
  /** A link to a post the world does not have. */
  missingPost: string;
}

export const TIKTOK_SOCIAL: SocialApp = {
  name: "TikTok",
  platform: "tiktok",
  make: (world) => new TikTokApp({ asksNotifications: false, confirmFirstPost: false, world: new SocialWorld(world) }),
  profileLink: (user) => `https://www.tiktok.com/@${user}`,
  profileHost: (user) => `tiktok.com/@${user}`,
  postLinks: (id) => [`https://www.tiktok.com/@nordicmilkman/video/${id}`, `https://www.tiktok.com/@nordicmilkman/video/${id}?is_from_webapp=1`],
  missingPost: "https://www.tiktok.com/@nobody/video/7499999999999999999",
};

export const INSTAGRAM_SOCIAL: SocialApp = {
  name: "Instagram",
  platform: "instagram",
  make: (world) => new InstagramApp({ asksNotifications: false, world: new SocialWorld(world) }),
  profileLink: (user) => `https://www.instagram.com/${user}/`,
  profileHost: (user) => `instagram.com/${user}`,
  postLinks: (id) => [`https://www.instagram.com/reel/${id}/`, `https://www.instagram.com/p/${id}/`],
  missingPost: "https://www.instagram.com/p/Missing123/",
};

