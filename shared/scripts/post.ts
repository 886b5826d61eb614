import { z } from "zod";
import type { Platform } from "../platforms";
import { MAX_TAGS, splitTags, TAG_MAX_LENGTH } from "../tags";

/**
 * `script_config` of the `post` script (TikMatrix's "Post script configuration", plus the two
 * fields its own app sends: `caption_format` and `ai_label`). The worker validates with it at
 * create time and stores the config as the client gave it; the agent parses the stored config
 * with the same schema to get the defaults. Every field is bounded, unknown fields are refused,
 * and so is a value the post would not use (a sound volume with no sound, a keyword without
 * `add_sound: "custom"`): nothing a client sends is silently ignored. What depends on the
 * platform is `postPlatformProblem`, checked per task once the create knows each one's.
 */
const PATH_MAX = 1024;
const int = (min: number, max: number) => z.number().int().min(min).max(max);
const text = (max: number) => z.string().max(max);

export const POST_CONTENT_TYPES = { video: 0, images: 1 } as const;
export const POST_WAYS = ["share", "addButton", "useSound"] as const;
export const INSTAGRAM_PLACEMENTS = ["reel", "story"] as const;
/** `multiline`: one caption per line, used in turn by the tasks of one create; `spintax`: one template. */
export const CAPTION_FORMATS = ["multiline", "spintax"] as const;
/** TikMatrix's add_sound: "-1" leaves the app's choice, "0" removes a sound, "1" adds a recommended one, "custom" a named one. */
export const ADD_SOUND = ["-1", "0", "1", "custom"] as const;
export type AddSound = (typeof ADD_SOUND)[number];

/** A volume is a place on the app's slider in percent; 50 is its middle, where the app starts it. */
export const DEFAULT_VOLUME = 50;

/** A TikTok link the app opens itself: a sound's page, or a short link to one. */
const TIKTOK_LINK = /^https:\/\/(?:(?:www|m|vm|vt)\.)?tiktok\.com\/\S+$/i;
export function isSoundLink(value: string): boolean {
  return /^https?:\/\//i.test(value.trim());
}

/** `lib:<id>` in material_list names a material of the workspace's library by its id. */
const LIBRARY_REF = /^lib:([1-9][0-9]{0,14})$/;

/** The library id an entry of material_list names, or undefined for a path or URL. */
export function libraryIdOf(entry: string): number | undefined {
  const match = LIBRARY_REF.exec(entry);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

const materialEntry = z
  .string()
  .min(1)
  .max(PATH_MAX)
  .refine((s) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(s) || /^https:\/\//i.test(s), {
    message: "must be a file path on the agent's PC, an https:// URL or lib:<id> (a material of the library)",
  })
  // A Windows path has a drive letter before its colon, so `lib:` can only mean the library.
  .refine((s) => !/^lib:/i.test(s) || LIBRARY_REF.test(s), { message: "names a library material as lib:<id>, the id a number (lib:42)" });


/** A sound by its name (the app's search, first result) or a TikTok link (opened directly). */
const soundRef = text(500).refine((s) => !isSoundLink(s) || TIKTOK_LINK.test(s.trim()), {
  message: "must be a sound's name or a TikTok link (https://www.tiktok.com/music/…, https://vm.tiktok.com/…)",
});

const postFields = z.strictObject({
  content_type: z.union([z.literal(0), z.literal(1)]).default(0),
  image_count: int(1, 35).default(1),
  captions: text(4000).default(""),
  caption_format: z.enum(CAPTION_FORMATS).default("multiline"),
  material_list: z.array(materialEntry).max(100).default([]),
  material_source: z.enum(["materialLibrary", "localFolder"]).default("materialLibrary"),
  material_path: text(PATH_MAX).default(""),
  materials_tags: text(1000).default(""),
  post_way: z.enum(POST_WAYS).default("share"),
  upload_wait_time: int(0, 3600).default(30),
  sound_wait_time: int(0, 600).default(10),
  add_sound: z
    .union([z.enum(ADD_SOUND), z.union([z.literal(-1), z.literal(0), z.literal(1)])])
    .default("-1")
    .transform((value): AddSound => (typeof value === "number" ? (String(value) as AddSound) : value)),
  sound_name: soundRef.default(""),
  custom_sound_keyword: soundRef.default(""),
  origin_sound_volume: int(0, 100).default(DEFAULT_VOLUME),
  add_sound_volume: int(0, 100).default(DEFAULT_VOLUME),
  add_product_link: z.union([z.literal(0), z.literal(1)]).default(0),
  // TikMatrix's app sends a boolean; 0 and 1 are taken too, as for its other switches.
  ai_label: z
    .union([z.boolean(), z.literal(0), z.literal(1)])
    .default(false)
    .transform((value) => value === true || value === 1),
  placement: z.enum(INSTAGRAM_PLACEMENTS).default("reel"),
});

type Fields = z.output<typeof postFields>;

/** `materials_tags` as the tags it names (shared/tags.ts), each once. */
export function materialsTagsOf(config: Pick<Fields, "materials_tags">): string[] {
  return [...new Set(splitTags(config.materials_tags))];
}

/** The post picks its material from the library at dispatch: nothing named, the library the source. */
export function picksFromLibrary(config: Pick<Fields, "material_list" | "material_source">): boolean {
  return config.material_list.length === 0 && config.material_source === "materialLibrary";
}

/** What a post asks of the workspace's material library (docs/api.md "Material library"). */
export interface LibraryDemand {
  mediaType: "video" | "image";
  /** Picked when the task is dispatched: one unused video, or image_count images, with any of `tags`. */
  pick: { count: number; tags: string[] } | null;
  /** The lib:<id> entries among the material_list entries the post uses, in their order. */
  ids: number[];
}

export function libraryDemandOf(config: PostConfig): LibraryDemand {
  const mediaType = config.content_type === POST_CONTENT_TYPES.video ? "video" : "image";
  const count = postMediaCount(config);
  if (picksFromLibrary(config)) return { mediaType, pick: { count, tags: materialsTagsOf(config) }, ids: [] };
  const ids = config.material_list.slice(0, count).map(libraryIdOf);
  return { mediaType, pick: null, ids: ids.filter((id): id is number => id !== undefined) };
}

/** How many files the post takes: one video, or image_count images. */
export function postMediaCount(config: Pick<Fields, "content_type" | "image_count">): number {
  return config.content_type === POST_CONTENT_TYPES.video ? 1 : config.image_count;
}

/** Where the post's material comes from, once the config is read. */
export function usesLocalFolder(config: Pick<Fields, "material_list" | "material_source">): boolean {
  return config.material_list.length === 0 && config.material_source === "localFolder";
}

/** The post adds a sound to the media (so both volumes mean something). */
export function addsSound(config: Pick<Fields, "post_way" | "add_sound">): boolean {
  return config.post_way === "useSound" || config.add_sound === "1" || config.add_sound === "custom";
}

interface Problem {
  field: keyof Fields;
  message: string;
}

/** The rules between fields that hold on every platform; the first broken one is reported. */
function combinationProblem(config: Fields): Problem | undefined {
  const folder = usesLocalFolder(config);
  if (folder && config.material_path.trim() === "") return { field: "material_path", message: 'is required with material_source "localFolder": the folder on the agent\'s PC' };
  if (config.materials_tags.trim() !== "") {
    if (config.material_list.length > 0) return { field: "materials_tags", message: "filters the library's pick, and material_list names the files itself: leave it empty" };
    if (folder) return { field: "materials_tags", message: 'filters the material library, and material_source is "localFolder": leave it empty' };
    const tags = materialsTagsOf(config);
    if (tags.length > MAX_TAGS) return { field: "materials_tags", message: `names ${tags.length} tags; at most ${MAX_TAGS}` };
    const long = tags.find((tag) => tag.length > TAG_MAX_LENGTH);
    if (long !== undefined) return { field: "materials_tags", message: `has a tag of ${long.length} characters; a tag is at most ${TAG_MAX_LENGTH}` };
  }
  if (config.content_type === POST_CONTENT_TYPES.video && config.image_count !== 1) {
    return { field: "image_count", message: "applies to content_type 1 (images); a video post takes one video" };
  }
  // A sound may come from the folder's sound_urls.txt / sound_names.txt instead.
  if (config.post_way === "useSound") {
    if (config.sound_name.trim() === "" && !folder) return { field: "sound_name", message: 'is required with post_way "useSound": a sound\'s name or a TikTok link to it' };
    if (config.add_sound !== "-1") return { field: "add_sound", message: 'does not apply with post_way "useSound", which posts with that sound: leave it "-1"' };
  } else if (config.sound_name.trim() !== "") {
    return { field: "sound_name", message: `is used only with post_way "useSound" (post_way is "${config.post_way}")` };
  }
  if (config.add_sound === "custom") {
    if (config.custom_sound_keyword.trim() === "" && !folder) return { field: "custom_sound_keyword", message: 'is required with add_sound "custom": a sound\'s name or a TikTok link to it' };
  } else if (config.custom_sound_keyword.trim() !== "") {
    return { field: "custom_sound_keyword", message: `is used only with add_sound "custom" (add_sound is "${config.add_sound}")` };
  }
  if (!addsSound(config)) {
    const volume = config.origin_sound_volume !== DEFAULT_VOLUME ? "origin_sound_volume" : config.add_sound_volume !== DEFAULT_VOLUME ? "add_sound_volume" : undefined;
    if (volume !== undefined) return { field: volume, message: 'is set only when a sound is added (add_sound "1" or "custom", or post_way "useSound"); leave it at 50' };
  }
  if (config.content_type === POST_CONTENT_TYPES.images && config.origin_sound_volume !== DEFAULT_VOLUME) {
    return { field: "origin_sound_volume", message: "is the video's own sound, and a photo post has none: leave it at 50" };
  }
  return undefined;
}

export const postConfigSchema = postFields.superRefine((config, ctx) => {
  const problem = combinationProblem(config);
  if (problem !== undefined) ctx.addIssue({ code: "custom", path: [problem.field], message: problem.message });
});

export type PostConfig = z.output<typeof postConfigSchema>;

/**
 * What a post config asks that the platform's app has no way to do, as "field: why"; undefined
 * when it can be honoured. TikTok has no placement; Instagram has no TikTok sound, product link
 * or AI label on a story.
 */
export function postPlatformProblem(config: PostConfig, platform: Platform): string | undefined {
  if (platform === "tiktok") {
    if (config.placement !== "reel") return 'placement is Instagram\'s (reel or story): a TikTok post has none, leave it "reel"';
    return undefined;
  }
  if (config.post_way === "useSound") return 'post_way "useSound" posts with a TikTok sound, which Instagram cannot: use "share" or "addButton"';
  if (config.add_sound !== "-1") return 'add_sound is TikTok\'s (its sound picker in the editor): leave it "-1" for Instagram';
  if (config.add_product_link === 1) return "add_product_link is TikTok's (a TikTok Shop product): leave it 0 for Instagram";
  if (config.ai_label && config.placement === "story") return "ai_label: Instagram has no AI label on a story, only on reels and posts";
  if (config.placement === "story" && config.image_count > 1) return "image_count: an Instagram story posts one image; leave it 1";
  return undefined;
}
