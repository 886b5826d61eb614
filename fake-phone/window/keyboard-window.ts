import { type DeviceProfile, px } from "../system/device-profile.js";
import type { KeyboardSpec } from "../system/device-profile.js";
import type { Rect } from "./rect.js";
import type { PhoneWindow } from "./window.js";

// The soft keyboard's window: over the bottom of the screen, above the app and its dialogs.
// A tap on it never reaches the app: on a real keyboard it types the key under the finger
// (into the field being edited), on ADBKeyBoard's grey strip it does nothing. Under gesture
// navigation on Android 13+ the keyboard also draws the navigation bar (48 dp) below its
// keys, with a key that hides it (NavigationBarController, config_imeDrawsImeNavBar).

const ROWS = ["qwertyuiop", "asdfghjkl", "\u21e7zxcvbnm\u232b", ",  .\n"] as const;
const IME_NAV_BAR_DP = 48;

export interface KeyboardTarget {
  /** What a key types: a character, "\n" for enter, "\b" for delete. */
  key(char: string): void;
  hide(): void;
}

/** Where the keyboard's window is, for this phone and keyboard. */
export function keyboardFrame(profile: DeviceProfile, view: KeyboardSpec, navBarTop: number): { frame: Rect; keys: Rect } {
  const { width, height } = profile.screen;
  const viewHeight = px(view.heightDp, profile);
  if (drawsNavBar(profile)) {
    const bar = px(IME_NAV_BAR_DP, profile);
    const top = height - bar - viewHeight;
    return { frame: [0, top, width, height], keys: [0, top, width, height - bar] };
  }
  // Otherwise the keyboard sits on the navigation bar's inset.
  const top = navBarTop - viewHeight;
  return { frame: [0, top, width, navBarTop], keys: [0, top, width, navBarTop] };
}

export function keyboardWindow(profile: DeviceProfile, view: KeyboardSpec, navBarTop: number, target: KeyboardTarget): PhoneWindow {
  const { frame, keys } = keyboardFrame(profile, view, navBarTop);
  const pkg = view.id.slice(0, view.id.indexOf("/"));
  return {
    title: "InputMethod",
    package: pkg,
    layer: "input-method",
    frame,
    root: { cls: "android.widget.FrameLayout", bounds: frame, children: view.keys ? [] : [{ cls: "android.widget.TextView", text: "ADB Keyboard {ON}", bounds: keys }] },
    focusable: false,
    touchModal: false,
    tapThrough: false,
    onTap: (x, y) => {
      if (y >= keys[3]) {
        // The IME navigation bar: its left key hides the keyboard (the "back" chevron).
        if (x < frame[2] / 3) target.hide();
        return;
      }
      if (!view.keys) return;
      const char = keyAt(keys, x, y);
      if (char !== undefined) target.key(char);
    },
  };
}

function drawsNavBar(profile: DeviceProfile): boolean {
  return profile.navigation === "gesture" && profile.sdk >= 33;
}

// A suggestion strip on top, then four rows of keys.
function keyAt([l, t, r, b]: Rect, x: number, y: number): string | undefined {
  const strip = (b - t) * 0.15;
  if (y < t + strip) return undefined;
  const rowHeight = (b - t - strip) / ROWS.length;
  const row = ROWS[Math.min(ROWS.length - 1, Math.floor((y - t - strip) / rowHeight))] ?? "";
  const char = [...row][Math.min(row.length - 1, Math.floor(((x - l) / (r - l)) * [...row].length))];
  if (char === "\u21e7") return undefined;
  if (char === "\u232b") return "\b";
  return char;
}
