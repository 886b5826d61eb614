import { type DeviceProfile, px } from "../system/device-profile.js";
import type { Rect } from "./rect.js";
import type { ViewNode } from "./view.js";
import type { PhoneWindow } from "./window.js";

// SystemUI's bars. Three-button navigation is 48 dp with real buttons (a tap on Back is a
// BACK key); gesture navigation insets apps by 16 dp in a 48 dp frame that taps pass through
// (AOSP NavigationBarModeGesturalOverlay: navigationBar_height, _frame_height, navBarTapThrough).

const SYSTEM_UI = "com.android.systemui";

export interface NavigationKeys {
  back(): void;
  home(): void;
  recents(): void;
}

/** Where apps may draw: below the status bar, above the navigation bar's inset. */
export function contentArea(profile: DeviceProfile): Rect {
  const { width, height } = profile.screen;
  return [0, px(profile.statusBarDp, profile), width, height - navigationInset(profile)];
}

export function navigationInset(profile: DeviceProfile): number {
  return px(profile.navigation === "gesture" ? 16 : 48, profile);
}

export function systemBars(profile: DeviceProfile, keys: NavigationKeys): PhoneWindow[] {
  const { width, height } = profile.screen;
  const status: Rect = [0, 0, width, px(profile.statusBarDp, profile)];
  const statusBar: PhoneWindow = {
    title: "StatusBar",
    package: SYSTEM_UI,
    layer: "system-bar",
    frame: status,
    root: { cls: "android.widget.FrameLayout", bounds: status },
    focusable: false,
    touchModal: false,
    tapThrough: false,
  };
  const gesture = profile.navigation === "gesture";
  const nav: Rect = [0, height - px(48, profile), width, height];
  const buttons = gesture ? [] : navigationButtons(profile, nav, keys);
  const navigationBar: PhoneWindow = {
    title: "NavigationBar0",
    package: SYSTEM_UI,
    layer: "system-bar",
    frame: nav,
    root: { cls: "android.widget.FrameLayout", bounds: nav, children: buttons },
    focusable: false,
    touchModal: false,
    tapThrough: gesture,
  };
  return [statusBar, navigationBar];
}

function navigationButtons(profile: DeviceProfile, [l, t, r, b]: Rect, keys: NavigationKeys): ViewNode[] {
  // Samsung's default order puts Back on the right; AOSP's on the left.
  const order = profile.identity.model.startsWith("SM_") ? (["recents", "home", "back"] as const) : (["back", "home", "recents"] as const);
  const third = (r - l) / 3;
  const label = { back: "Back", home: "Home", recents: "Overview" } as const;
  return order.map((key, i) => ({
    cls: "android.widget.ImageView",
    desc: label[key],
    id: `${SYSTEM_UI}:id/${key === "recents" ? "recent_apps" : key}`,
    bounds: [Math.round(l + i * third), t, Math.round(l + (i + 1) * third), b] as const,
    onTap: () => keys[key](),
  }));
}
