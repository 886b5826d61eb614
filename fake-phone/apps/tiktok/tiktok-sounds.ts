import { parseUri } from "../../shell/intent.js";

// TikTok's sounds as the model knows them, and the links that name them. A sound's page is
// `https://www.tiktok.com/music/<Title-With-Hyphens>-<numeric id>` (public embeds and
// scrapers, e.g. `…/music/Epic-Legend-6999394394508658689`); short links are
// `https://vm.tiktok.com/<code>/` (TikMatrix's docs: `https://vm.tiktok.com/ZMhvBwCbD/`, and
// `https://www.tiktok.com/t/<code>/`). "Restless - Instrumental" and "Kagefumi" are what TikTok
// attached to photo posts by itself in GEEL-TT's editor dumps; "original sound - ava_renee6"
// is a feed video's sound there. Authors, counts and the other titles are the model's own.

export interface TikTokSound {
  /** The numeric music id, 19 digits. */
  id: string;
  title: string;
  author: string;
  /** How many videos use it: the page's "%s videos". */
  videos: number;
  /** The code of its vm.tiktok.com short link. */
  code: string;
}

export const TIKTOK_SOUNDS: readonly TikTokSound[] = [
  { id: "7449273515396466481", title: "Restless - Instrumental", author: "Lumen Drift", videos: 184_000, code: "ZMkR7q2Lp" },
  { id: "7310884512347712257", title: "Kagefumi", author: "Mori Kaito", videos: 52_300, code: "ZMkLp93Ta" },
  { id: "7473897776619834646", title: "original sound - ava_renee6", author: "Ava_renee", videos: 1_204, code: "ZMhvBwCbD" },
  { id: "6999394394508658689", title: "Epic Legend", author: "Soundroll", videos: 2_400_000, code: "ZMeP4xLq1" },
  { id: "7390216688371467013", title: "Summer Walk", author: "Coastline Radio", videos: 731_000, code: "ZMa8sWk3v" },
  { id: "7265519043384109830", title: "Late Night Drive", author: "Neon Avenue", videos: 96_800, code: "ZMn2dRv7e" },
  { id: "7128446750913825542", title: "Coffee Shop Jazz", author: "The Quiet Trio", videos: 412_000, code: "ZMcJ5zq8Y" },
  { id: "7501337286601935617", title: "Morning Run", author: "Lumen Drift", videos: 38_900, code: "ZMr1uN6mK" },
];

/**
 * Hosts whose links TikTok claims (APK 43.7.3's asset statements; vm./vt. for short links).
 * m.tiktok.com, the mobile web's host of profile and video links, is not in those notes: taken
 * as claimed too (scripts open such links; a phone that showed a chooser would need the package).
 */
export const TIKTOK_LINK_HOSTS = ["www.tiktok.com", "tiktok.com", "m.tiktok.com", "vm.tiktok.com", "vt.tiktok.com"] as const;

/** The sound page's address: the title's words joined by hyphens, then the id. */
export function soundLink(sound: TikTokSound): string {
  const slug = sound.title.split(/[^\p{L}\p{N}_]+/u).filter((word) => word !== "").join("-");
  return `https://www.tiktok.com/music/${slug}-${sound.id}`;
}

export function soundShortLink(sound: TikTokSound): string {
  return `https://vm.tiktok.com/${sound.code}/`;
}

/**
 * What a tiktok.com link opens: a sound's page (the sound, or undefined when no sound has
 * that id or code: the page then says it is not available), or something the model does not
 * draw (a profile, a video). Only the id matters in a /music/ link, as on the web: the title
 * part may be anything, percent-encoded or in another script.
 */
export function linkTarget(url: string, sounds: readonly TikTokSound[]): { sound: TikTokSound | undefined } | "other" {
  const uri = parseUri(url);
  if (uri === undefined) return "other";
  const music = /^\/music\/(?:.*-)?(\d+)\/?$/.exec(uri.path);
  if (music !== null && (uri.host === "www.tiktok.com" || uri.host === "tiktok.com")) return { sound: sounds.find((s) => s.id === music[1]) };
  const short = uri.host === "vm.tiktok.com" || uri.host === "vt.tiktok.com" ? /^\/([A-Za-z0-9]+)\/?$/.exec(uri.path) : /^\/t\/([A-Za-z0-9]+)\/?$/.exec(uri.path);
  if (short !== null) return { sound: sounds.find((s) => s.code === short[1]) };
  return "other";
}

/** "%s videos" as TikTok shortens counts: 1204 → "1.2K", 2400000 → "2.4M". */
export function compactCount(n: number): string {
  const short = (value: number, unit: string) => `${(Math.floor(value * 10) / 10).toFixed(1).replace(/\.0$/, "")}${unit}`;
  if (n >= 1_000_000) return short(n / 1_000_000, "M");
  if (n >= 1_000) return short(n / 1_000, "K");
  return String(n);
}

/** Each account's favourite sounds (newest first) and the sounds it used (most recent first). */
export class SoundLibrary {
  private readonly favorites = new Map<string, string[]>();
  private readonly recent = new Map<string, string[]>();

  constructor(
    private readonly sounds: readonly TikTokSound[],
    private readonly initialFavorites: readonly string[],
  ) {}

  find(id: string): TikTokSound | undefined {
    return this.sounds.find((sound) => sound.id === id);
  }

  all(): readonly TikTokSound[] {
    return this.sounds;
  }

  favoritesOf(account: string): TikTokSound[] {
    return this.ids(this.favorites, account, this.initialFavorites).flatMap((id) => this.find(id) ?? []);
  }

  isFavorite(account: string, sound: TikTokSound): boolean {
    return this.ids(this.favorites, account, this.initialFavorites).includes(sound.id);
  }

  /** "Add to Favorites" puts it first; tapped again ("Added to Favorites") it is removed. */
  toggleFavorite(account: string, sound: TikTokSound): boolean {
    const ids = this.ids(this.favorites, account, this.initialFavorites).filter((id) => id !== sound.id);
    const adding = !this.isFavorite(account, sound);
    this.favorites.set(account, adding ? [sound.id, ...ids] : ids);
    return adding;
  }

  recentOf(account: string): TikTokSound[] {
    return this.ids(this.recent, account, []).flatMap((id) => this.find(id) ?? []);
  }

  used(account: string, sound: TikTokSound): void {
    this.recent.set(account, [sound.id, ...this.ids(this.recent, account, []).filter((id) => id !== sound.id)]);
  }

  private ids(map: Map<string, string[]>, account: string, initial: readonly string[]): string[] {
    return map.get(account) ?? [...initial];
  }
}
