import type { DeviceProfile } from "../../system/device-profile.js";
import type { Rect } from "../../window/rect.js";
import type { ViewNode } from "../../window/view.js";
import type { DialogSpec } from "../base-app.js";
import type { FieldOptions } from "../text-fields.js";
import type { TikTokElement } from "./builds.js";
import type { TikTokStrings } from "./strings.js";

export const TEXT = "android.widget.TextView";
export const IMAGE = "android.widget.ImageView";
export const FRAME = "android.widget.FrameLayout";
export const LINEAR = "android.widget.LinearLayout";
export const BUTTON = "android.widget.Button";
export const PROGRESS = "android.widget.ProgressBar";

/** The screens of TikTok's that a back stack holds, one each. */
export type TikTokPage =
  | "home" | "profile" | "camera" | "gallery" | "preview" | "editor" | "post" | "detail"
  | "search" | "sound" | "moreOptions" | "showcase" | "productName";

/** Those, and the pages opened as many times as one likes: another user's profile, a video page. */
export type TikTokScreen = TikTokPage | `user:${string}` | `video:${number}`;

/** What TikTok's screens and sheets (each in a file of its own) use of the app. */
export interface TikTokUi {
  id(element: TikTokElement): string;
  strings(): TikTokStrings;
  profile(): DeviceProfile;
  /** Design units per dp on this phone (BaseApp.dp), for rows with real dp heights. */
  dp(): { x: number; y: number };
  account(): string;
  event(text: string): void;
  field(key: string, hint: string, bounds: Rect, options?: FieldOptions & { id?: string }): ViewNode;
  fieldValue(key: string): string;
  setField(key: string, value: string): void;
  focus(key: string): void;
  blur(): void;
  go(screen: TikTokScreen): void;
  close(): void;
  showDialog(dialog: DialogSpec): void;
  closeDialog(choice: string): void;
  /** How long a sound page, the sheet's lists and search results take to show (TikTokOptions.soundLoadMs). */
  loadMs(): number;
}
