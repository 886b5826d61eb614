/** The apps a task can post to, and the package each is installed as by default. */
export const PLATFORMS = ["tiktok", "instagram"] as const;
export type Platform = (typeof PLATFORMS)[number];

export const DEFAULT_PACKAGES: Readonly<Record<Platform, readonly string[]>> = {
  // TikTok ships under a second package name in some regions; the agent tries both.
  tiktok: ["com.zhiliaoapp.musically", "com.ss.android.ugc.trill"],
  instagram: ["com.instagram.android"],
};

export function isPlatform(value: string): value is Platform {
  return (PLATFORMS as readonly string[]).includes(value);
}
