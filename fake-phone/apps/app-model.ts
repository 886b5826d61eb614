import type { Intent } from "../shell/intent.js";
import type { MediaStore } from "../system/media-store.js";
import type { ScreenModel } from "../screen/screen-model.js";

/** What the phone lends an installed app: shared media and the screen it draws on. */
export interface AppSystem {
  media: MediaStore;
  screenSize: { width: number; height: number };
}

/**
 * An installed app whose screens are modelled. The phone shows it when it is in front and
 * routes launches, explicit `am start -n` intents, BACK and force-stop to it.
 */
export interface AppModel extends ScreenModel {
  readonly package: string;
  /** Activity classes `am start -n` reaches, in full; any other class "does not exist". */
  readonly activities: readonly string[];
  /** False before the first launch and after `am force-stop`. */
  readonly running: boolean;
  /** Called once when the app is installed on a phone. */
  attach(system: AppSystem): void;
  /** The launcher icon (or monkey): resume where it was, or start fresh at the start screen. */
  launch(): void;
  /** An explicit intent for one of `activities`; the app is then in front. */
  start(activity: string, intent: Intent): void;
  /** KEYCODE_BACK; false when the app was at its root and goes to the background. */
  back(): boolean;
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
  /** Read through the media store when Post was tapped: the exact bytes the app had. */
  media: Array<{ path: string; data: Buffer }>;
  account: string;
  /** Date.now() when Post (or Share) was tapped. */
  at: number;
}
