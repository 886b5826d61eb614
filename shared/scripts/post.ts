import { z } from "zod";

/**
 * `script_config` of the `post` script (TikMatrix's "Post script configuration"). The
 * worker validates with it at create time and stores the config as the client gave it;
 * the agent parses the stored config with the same schema to get the defaults. Every
 * field is bounded, and unknown fields are refused so a typo is never silently ignored.
 */
const PATH_MAX = 1024;
const int = (min: number, max: number) => z.number().int().min(min).max(max);
const text = (max: number) => z.string().max(max);

export const POST_CONTENT_TYPES = { video: 0, images: 1 } as const;
export const POST_WAYS = ["share", "addButton", "useSound"] as const;
export const INSTAGRAM_PLACEMENTS = ["reel", "story"] as const;

export const postConfigSchema = z.strictObject({
  content_type: z.union([z.literal(0), z.literal(1)]).default(0),
  image_count: int(1, 35).default(1),
  captions: text(4000).default(""),
  material_list: z
    .array(
      z
        .string()
        .min(1)
        .max(PATH_MAX)
        .refine((s) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(s) || /^https:\/\//i.test(s), {
          message: "must be a file path on the agent's PC or an https:// URL",
        }),
    )
    .max(100)
    .default([]),
  material_source: z.enum(["materialLibrary", "localFolder"]).default("materialLibrary"),
  material_path: text(PATH_MAX).default(""),
  materials_tags: text(1000).default(""),
  post_way: z.enum(POST_WAYS).default("share"),
  upload_wait_time: int(0, 3600).default(30),
  sound_wait_time: int(0, 600).default(10),
  add_sound: z
    .union([z.enum(["-1", "0", "1", "custom"]), z.union([z.literal(-1), z.literal(0), z.literal(1)])])
    .default("-1"),
  sound_name: text(500).default(""),
  custom_sound_keyword: text(200).default(""),
  origin_sound_volume: int(0, 100).default(50),
  add_sound_volume: int(0, 100).default(50),
  add_product_link: z.union([z.literal(0), z.literal(1)]).default(0),
  placement: z.enum(INSTAGRAM_PLACEMENTS).default("reel"),
});

export type PostConfig = z.output<typeof postConfigSchema>;
