import type { Intent } from "../shell/intent.js";
import type { DeviceProfile } from "../system/device-profile.js";
import type { MediaStore } from "../system/media-store.js";
import type { Permissions } from "../system/permissions.js";
import type { ScreenModel } from "../screen/screen-model.js";
import type { Keyboard } from "./text-fields.js";

/** What the phone lends an installed app. */
export interface AppSystem {
  media: MediaStore;
  profile: DeviceProfile;
  permissions: Permissions;
  /** The soft keyboard: a tapped field asks for it, leaving the field hides it. */
  keyboard: Keyboard;
  /** The phone's seeded sequence. */
  random: () => number;
}

/**
 * An installed app whose screens are modelled. The phone shows it when it is in front and
 * routes launches, explicit `am start -n` intents, input and force-stop to it.
 */
export interface AppModel extends ScreenModel {
  readonly package: string;
  /** The app's name, as the launcher and the permission dialog show it. */
  readonly label: string;
  readonly versionName: string;
  readonly versionCode: number;
  /** Activity classes `am start -n` reaches, in full; any other class "does not exist". */
  readonly activities: readonly string[];
  /** False before the first launch and after `am force-stop`. */
  readonly running: boolean;
  /** The runtime permissions its manifest requests on a phone of this SDK level. */
  manifestPermissions(sdk: number): string[];
  /** Called once when the app is installed on a phone. */
  attach(system: AppSystem): void;
  /** The launcher icon (or monkey): resume where it was, or start fresh at the start screen. */
  launch(): void;
  /**
   * The activity (a class in `activities`) whose intent filter takes an implicit intent
   * limited to this package (`am start -a … -d … <package>`); undefined when none does.
   */
  resolve?(intent: Intent): string | undefined;
  /** An intent for one of `activities` (explicit, or resolved); the app is then in front. */
  start(activity: string, intent: Intent): void;
  forceStop(): void;
}

export type Placement = "feed" | "reel" | "story";
export type PostKind = "video" | "images";

/** What a test asserts on after the app "uploaded" something. */
export interface Post {
  kind: PostKind;
  placement: Placement;
  title: string;
  caption: string;
  /** Read through the media store when Post was tapped: the exact bytes, in the post's order. */
  media: Array<{ path: string; data: Buffer }>;
  account: string;
  /** Date.now() when Post (or Share) was tapped. */
  at: number;
  /** The title of the sound attached when it was posted (TikTok); undefined for none. */
  sound?: string;
  /**
   * TikTok's Volume panel, each bar's progress in percent of its range (integers), once its
   * Done was ever tapped for this post; undefined when the panel never kept a change.
   */
  volumes?: { original: number; added: number };
  /** The AI-generated label was on (TikTok's More options switch, Instagram's "Add AI label"). */
  aiLabel: boolean;
  /** The showcase product linked through TikTok's "Add link" (its name in the showcase). */
  product?: string;
}

/** What a post carries beside its media and text. */
export type PostExtras = Partial<Pick<Post, "sound" | "volumes" | "aiLabel" | "product">>;
