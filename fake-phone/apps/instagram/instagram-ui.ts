import type { Rect } from "../../window/rect.js";
import type { ViewNode } from "../../window/view.js";
import type { DialogSpec } from "../base-app.js";
import type { SocialPost, SocialWorld } from "../social-world.js";
import type { FieldOptions } from "../text-fields.js";
import type { InstagramBuild } from "./builds.js";
import type { SocialStrings } from "./social-strings.js";

export const TEXT = "android.widget.TextView";
export const IMAGE = "android.widget.ImageView";
export const FRAME = "android.widget.FrameLayout";
export const LINEAR = "android.widget.LinearLayout";
export const BUTTON = "android.widget.Button";
export const EDIT = "android.widget.EditText";
export const VIEW_GROUP = "android.view.ViewGroup";

/**
 * The screens a back stack holds. Another user's profile, a post and a reel carry what they
 * show in their name (`user:<name>`, `post:<id>`, `reel:<id>`, `topic:<query>`), so BACK
 * through several of them comes back to each as it was.
 */
export type InstagramScreen =
  | "feed" | "profile" | "gallery" | "feedEditor" | "reelEditor" | "storyEditor" | "feedShare" | "reelShare"
  | "explore" | "reels" | "topicReels"
  | `user:${string}` | `post:${string}` | `reel:${string}` | `topic:${string}`;

/** Which tab the bar shows selected. */
export type InstagramTab = "feed" | "reels" | "search" | "profile" | "none";

/** What the social screens (each in a file of its own) use of the app. */
export interface InstagramUi {
  id(name: string): string;
  s(): SocialStrings;
  readonly build: InstagramBuild;
  readonly world: SocialWorld;
  account(): string;
  event(text: string): void;
  /** Design units per dp (BaseApp.dp), for rows with real dp heights. */
  dp(): { x: number; y: number };
  /** The top of the soft keyboard in design space, for views that move above it (adjustResize). */
  keyboardTop(): number;
  go(screen: InstagramScreen): void;
  close(): void;
  showDialog(dialog: DialogSpec): void;
  closeDialog(choice: string): void;
  field(key: string, hint: string, bounds: Rect, options?: FieldOptions & { id?: string }): ViewNode;
  fieldValue(key: string): string;
  setField(key: string, value: string): void;
  focus(key: string): void;
  blur(): void;
  focused(): string | undefined;
  /** A world action, unless the account's state refuses it (the action-block dialog); true when done. */
  act(what: string, run: () => void): boolean;
  /** The post is a video (a reel): it plays, and is watched, when it shows. */
  isVideo(post: SocialPost): boolean;
  /** The tab bar, with one tab selected. */
  tabBar(active: InstagramTab): ViewNode;
}

/** What a screen in the stack's name carries after its kind ("user:" → the username). */
export function payload(screen: string): string {
  return screen.slice(screen.indexOf(":") + 1);
}

/** The world's posts a user has in the feed, the only ones the world lists (by-link posts are not enumerable). */
export function postsBy(world: SocialWorld, username: string): SocialPost[] {
  return world.feed.filter((post) => post.author.toLowerCase() === username.toLowerCase());
}
