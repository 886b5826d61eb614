import { addsSound, DEFAULT_VOLUME, isSoundLink, type PostConfig } from "../../../shared/scripts/post";
import type { StepCondition } from "../apps/app-data";
import { MaterialError } from "./download";

/**
 * What a task asks of its post beyond the media and the caption, in the terms the screen data's
 * `if` uses: which sound (and how it is found), the volumes, a product link, the AI label.
 */
export interface PostPlan {
  conditions: ReadonlySet<StepCondition>;
  /** `{sound}` in the steps: the sound's name or link; "" when the post picks none. */
  sound: string;
  volumes: Readonly<Record<"origin_sound_volume" | "add_sound_volume", number>>;
}

/**
 * Reads the plan from the config, validated by the shared schema (so a sound is there where
 * one is required, but for a local folder whose sound files stand in for it). A sound from the
 * folder's sound_urls.txt / sound_names.txt wins over the config's, as its caption.txt does.
 */
export function planPost(config: PostConfig, folderSound: string | undefined): PostPlan {
  const conditions = new Set<StepCondition>();
  const pick = (configured: string, asked: string): string => {
    const sound = (folderSound ?? configured).trim();
    if (sound === "") throw new MaterialError(`${asked} needs a sound: the config names none, and the material folder has no sound_urls.txt or sound_names.txt with one`);
    return sound;
  };
  let sound = "";
  if (config.post_way === "useSound") {
    sound = pick(config.sound_name, 'post_way "useSound"');
    conditions.add(isSoundLink(sound) ? "sound_link" : "sound_search");
  }
  switch (config.add_sound) {
    case "0":
      conditions.add("remove_sound");
      break;
    case "1":
      conditions.add("recommended_sound").add("pick_sound");
      break;
    case "custom":
      sound = pick(config.custom_sound_keyword, 'add_sound "custom"');
      conditions.add(isSoundLink(sound) ? "custom_sound_link" : "custom_sound_search").add("pick_sound");
      break;
  }
  const volumes = { origin_sound_volume: config.origin_sound_volume, add_sound_volume: config.add_sound_volume };
  if (addsSound(config) && Object.values(volumes).some((volume) => volume !== DEFAULT_VOLUME)) conditions.add("volume");
  if (config.add_product_link === 1) conditions.add("product_link");
  if (config.ai_label) conditions.add("ai_label");
  return { conditions, sound, volumes };
}
