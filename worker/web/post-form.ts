import { ADD_SOUND, CAPTION_FORMATS, INSTAGRAM_PLACEMENTS, POST_WAYS } from "../../shared/scripts/post";

/** Whom the post goes to: chosen phones, chosen accounts, or every enabled account with a tag. */
export const TARGET_MODES = ["phones", "accounts", "tag"] as const;
export type TargetMode = (typeof TARGET_MODES)[number];

/** Where the files come from: the library picks an unused one per post, or the files chosen go on every post. */
export const MEDIA_MODES = ["pick", "chosen"] as const;
export type MediaMode = (typeof MEDIA_MODES)[number];

/**
 * The new-post form as the browser sent it, as text: re-rendered as typed when the create is
 * refused, and turned into the body of `POST /api/v1/task` (postRequestOf), so the API's own
 * checks judge it and its messages say what is wrong.
 */
export interface PostForm {
  target: TargetMode;
  serials: string[];
  usernames: string[];
  accountTag: string;
  multiAccount: boolean;
  contentType: "0" | "1";
  imageCount: string;
  media: MediaMode;
  materialsTags: string;
  materials: string[];
  captions: string;
  captionFormat: (typeof CAPTION_FORMATS)[number];
  postWay: (typeof POST_WAYS)[number];
  addSound: (typeof ADD_SOUND)[number];
  soundName: string;
  customSoundKeyword: string;
  originVolume: string;
  addVolume: string;
  placement: (typeof INSTAGRAM_PLACEMENTS)[number];
  aiLabel: boolean;
  /** A `datetime-local` value, read on the workspace's clock; "" is now. */
  startTime: string;
  minInterval: string;
  maxInterval: string;
  /** Made when the form was drawn: the create's Idempotency-Key, so a second tap makes no second set of tasks. */
  requestKey: string;
}

type FormBody = Record<string, string | File | (string | File)[]>;

export function blankPostForm(): PostForm {
  return {
    target: "phones",
    serials: [],
    usernames: [],
    accountTag: "",
    multiAccount: false,
    contentType: "0",
    imageCount: "1",
    media: "pick",
    materialsTags: "",
    materials: [],
    captions: "",
    captionFormat: "multiline",
    postWay: "share",
    addSound: "-1",
    soundName: "",
    customSoundKeyword: "",
    originVolume: "50",
    addVolume: "50",
    placement: "reel",
    aiLabel: false,
    startTime: "",
    minInterval: "0",
    maxInterval: "0",
    requestKey: crypto.randomUUID(),
  };
}

/** The form's fields, each read as what it can be; a value outside a choice falls back to its default. */
export function postFormOf(body: FormBody): PostForm {
  const blank = blankPostForm();
  const all = (name: string) => [body[name] ?? []].flat().filter((v): v is string => typeof v === "string");
  const one = (name: string, max = 4000) => (all(name)[0] ?? "").slice(0, max);
  const choice = <T extends string>(name: string, options: readonly T[], fallback: T): T => options.find((o) => o === one(name)) ?? fallback;
  return {
    target: choice("target", TARGET_MODES, blank.target),
    serials: all("serial").slice(0, 1000),
    usernames: all("username").slice(0, 1000),
    accountTag: one("account_tag", 100),
    multiAccount: one("enable_multi_account") === "1",
    contentType: one("content_type") === "1" ? "1" : "0",
    imageCount: one("image_count", 20),
    media: choice("media", MEDIA_MODES, blank.media),
    materialsTags: one("materials_tags", 1000),
    materials: all("material").slice(0, 100),
    captions: one("captions"),
    captionFormat: choice("caption_format", CAPTION_FORMATS, blank.captionFormat),
    postWay: choice("post_way", POST_WAYS, blank.postWay),
    addSound: choice("add_sound", ADD_SOUND, blank.addSound),
    soundName: one("sound_name", 500),
    customSoundKeyword: one("custom_sound_keyword", 500),
    originVolume: one("origin_sound_volume", 20),
    addVolume: one("add_sound_volume", 20),
    placement: choice("placement", INSTAGRAM_PLACEMENTS, blank.placement),
    aiLabel: one("ai_label") === "1",
    startTime: one("start_time", 64),
    minInterval: one("min_interval", 20),
    maxInterval: one("max_interval", 20),
    requestKey: one("request_key", 100) || blank.requestKey,
  };
}

/** A whole number typed as such; anything else goes to the API as typed, so its message names the field. */
function number(text: string): number | string {
  return /^\s*\d{1,9}\s*$/.test(text) ? Number(text) : text;
}

/**
 * The body of `POST /api/v1/task` the form means. Only the fields the choices make meaningful
 * are sent (a volume only with a sound added, a sound's name only with "use a sound"), since
 * the post script refuses a field it would not use. `tagUsernames` are the accounts the tag
 * names, looked up by the caller.
 */
export function postRequestOf(form: PostForm, tagUsernames: readonly string[]): Record<string, unknown> {
  const addsSound = form.postWay === "useSound" || form.addSound === "1" || form.addSound === "custom";
  const images = form.contentType === "1";
  const config: Record<string, unknown> = {
    content_type: images ? 1 : 0,
    ...(images ? { image_count: number(form.imageCount) } : {}),
    captions: form.captions,
    caption_format: form.captionFormat,
    ...(form.media === "chosen" ? { material_list: form.materials.map((id) => `lib:${id}`) } : form.materialsTags.trim() === "" ? {} : { materials_tags: form.materialsTags }),
    post_way: form.postWay,
    add_sound: form.addSound,
    ...(form.postWay === "useSound" && form.soundName.trim() !== "" ? { sound_name: form.soundName.trim() } : {}),
    ...(form.addSound === "custom" ? { custom_sound_keyword: form.customSoundKeyword.trim() } : {}),
    ...(addsSound ? { origin_sound_volume: number(form.originVolume), add_sound_volume: number(form.addVolume) } : {}),
    ...(form.placement === "reel" ? {} : { placement: form.placement }),
    ...(form.aiLabel ? { ai_label: true } : {}),
  };
  const targets =
    form.target === "phones"
      ? { serials: form.serials, enable_multi_account: form.multiAccount }
      : { usernames: form.target === "accounts" ? form.usernames : [...tagUsernames] };
  return {
    ...targets,
    script_name: "post",
    script_config: config,
    min_interval: number(form.minInterval === "" ? "0" : form.minInterval),
    max_interval: number(form.maxInterval === "" ? "0" : form.maxInterval),
    ...(form.startTime.trim() === "" ? {} : { start_time: form.startTime.trim() }),
  };
}
