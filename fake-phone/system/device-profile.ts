import type { DeviceIdentity } from "../adb/transport.js";

// What differs between real phones in ways that break automation: screen size and density,
// the navigation mode, the keyboard, the UI language, where the permission dialog comes
// from, and how slow the phone is. Figures come from AOSP and public automation notes
// (fake-phone/README.md, "Facts"); where a fact is uncertain the profile takes the harder case.

export type Locale = "en-US" | "zh-CN";
export type Navigation = "gesture" | "three-button";

export interface KeyboardSpec {
  /** The IME id, as `ime list` and `settings get secure default_input_method` print it. */
  id: string;
  /** Height of the input view (keys and suggestion strip), in dp. */
  heightDp: number;
  /** Typing keys: a tap on the view types the key under it. ADBKeyBoard's view is a label. */
  keys: boolean;
}

export interface SlowPhone {
  /** How long one `uiautomator dump` takes: waitForIdle plus the walk over the tree. */
  dumpMs: readonly [number, number];
  /** Share of dumps that fail with "could not get idle state." while a video plays. */
  idleFailRate: number;
  /** How long such a dump takes to fail: waitForIdle(1000, 10000) gives up after 10 s. */
  idleTimeoutMs: number;
  /** From `ime set` to the new keyboard being bound (its service created and started). */
  imeBindMs: number;
}

export interface DeviceProfile {
  name: string;
  identity: DeviceIdentity;
  sdk: number;
  screen: { width: number; height: number };
  /** dpi, as `wm density` prints it; px = dp × dpi / 160. */
  density: number;
  navigation: Navigation;
  statusBarDp: number;
  keyboard: KeyboardSpec;
  locale: Locale;
  /** The package that shows runtime permission requests. */
  permissionController: string;
  /**
   * uiautomator leaves out views wholly covered by another window (keyboard, bars) only while
   * an accessibility service tracks windows (AccessibilityWindowManager); with none, a covered
   * view is dumped and a tap at its centre lands on whatever covers it.
   */
  dumpHidesCovered: boolean;
  /**
   * `pm grant` fails with a SecurityException: shell lacks GRANT_RUNTIME_PERMISSIONS, as on
   * OxygenOS, Realme and MIUI phones without their extra developer option. Apps then ask.
   */
  grantRefused?: boolean;
  /**
   * `dumpsys input_method` as the maker's build prints it: AOSP's has mInputShown; an OEM's
   * may not (its format is not a public API), and then nothing there says whether the keyboard is up.
   */
  imeDump?: "aosp" | "oem";
  /**
   * `dumpsys battery` as the maker's build prints it: AOSP's lines, or Samsung's with its own
   * after them (some not indented, a second lower-case "charge counter").
   */
  batteryDump?: "aosp" | "samsung";
  slow: SlowPhone;
}

// Gboard's id (a system app on GMS phones) and Samsung Keyboard's, as `ime list` prints them.
export const GBOARD = "com.google.android.inputmethod.latin/com.android.inputmethod.latin.LatinIME";
export const SAMSUNG_KEYBOARD = "com.samsung.android.honeyboard/.service.HoneyBoardService";

// A phone that answers at once: what tests of other things want. The slow profile below is
// what busy studio phones do.
const QUICK: SlowPhone = { dumpMs: [0, 0], idleFailRate: 0.3, idleTimeoutMs: 300, imeBindMs: 150 };

/** Pixel 7, Android 14, gesture navigation, Gboard, English. */
export const PIXEL_7: DeviceProfile = {
  name: "pixel-7",
  identity: { product: "panther", model: "Pixel_7", device: "panther" },
  sdk: 34,
  screen: { width: 1080, height: 2400 },
  density: 420,
  navigation: "gesture",
  statusBarDp: 40,
  // About a third of the screen with the 48 dp IME navigation bar (Android 13+ gesture mode).
  keyboard: { id: GBOARD, heightDp: 262, keys: true },
  locale: "en-US",
  permissionController: "com.google.android.permissioncontroller",
  dumpHidesCovered: true,
  slow: QUICK,
};

/** Galaxy A04s-class phone, Android 13, three-button navigation, Samsung Keyboard, English. */
export const GALAXY_A: DeviceProfile = {
  name: "galaxy-a",
  identity: { product: "a04sxx", model: "SM_A047F", device: "a04s" },
  sdk: 33,
  screen: { width: 720, height: 1600 },
  density: 320,
  navigation: "three-button",
  statusBarDp: 28,
  keyboard: { id: SAMSUNG_KEYBOARD, heightDp: 280, keys: true },
  locale: "en-US",
  permissionController: "com.android.permissioncontroller",
  // The harder case: covered views are still dumped, so a tap at a covered button's centre
  // goes to the keyboard.
  dumpHidesCovered: false,
  batteryDump: "samsung",
  slow: QUICK,
};

/** Redmi Note 12, Android 13, gesture navigation, Gboard, a Chinese UI. */
export const REDMI_NOTE_ZH: DeviceProfile = {
  name: "redmi-note-zh",
  identity: { product: "tapas_global", model: "23021RAAEG", device: "tapas" },
  sdk: 33,
  screen: { width: 1080, height: 2400 },
  density: 440,
  navigation: "gesture",
  statusBarDp: 32,
  keyboard: { id: GBOARD, heightDp: 262, keys: true },
  locale: "zh-CN",
  permissionController: "com.android.permissioncontroller",
  dumpHidesCovered: true,
  imeDump: "oem",
  slow: QUICK,
};

/** The same phone without the developer option that lets shell grant permissions. */
export function grantsRefused(profile: DeviceProfile): DeviceProfile {
  return { ...profile, name: `${profile.name}-no-grant`, grantRefused: true };
}

/** The same phone as busy studio phones are: dumps of 1.5–3 s, idle errors over video, a slow IME bind. */
export function slowed(profile: DeviceProfile): DeviceProfile {
  return { ...profile, name: `${profile.name}-slow`, slow: { dumpMs: [1_500, 3_000], idleFailRate: 0.8, idleTimeoutMs: 10_000, imeBindMs: 2_000 } };
}

export const PROFILES: readonly DeviceProfile[] = [PIXEL_7, GALAXY_A, REDMI_NOTE_ZH];

export function px(dp: number, profile: Pick<DeviceProfile, "density">): number {
  return Math.round((dp * profile.density) / 160);
}
