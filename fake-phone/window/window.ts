import type { Rect } from "./rect.js";
import type { ViewNode } from "./view.js";

/** Window types as WindowManager stacks them, bottom to top. */
export type WindowLayer = "application" | "dialog" | "input-method" | "system-bar";

/**
 * One window on screen, in device pixels. `uiautomator dump` writes the active window only
 * (the topmost focusable one); `input tap` goes to the topmost touchable window at the point.
 */
export interface PhoneWindow {
  /** As `dumpsys window` labels it: "pkg/activity", "InputMethod", "NavigationBar0". */
  title: string;
  package: string;
  layer: WindowLayer;
  frame: Rect;
  root: ViewNode;
  /** Takes input focus: activities and dialogs do, the keyboard and the bars do not. */
  focusable: boolean;
  /** Touches outside the frame come here too (a modal dialog), as `outside`. */
  touchModal: boolean;
  /** Taps pass through to the window below (the gesture navigation bar, config_navBarTapThrough). */
  tapThrough: boolean;
  /** A tap in the frame that hit no clickable view, or one outside a modal window. */
  onTap?(x: number, y: number, outside: boolean): void;
}
