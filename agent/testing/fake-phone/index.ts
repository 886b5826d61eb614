// A test double of an Android phone that the real adb server connects to, so agent tests
// run the production path (adbkit → adb server → phone) without hardware.
export { TestAdbServer, type AdbResult } from "./adb-server.js";
export { Adb } from "./adbkit.js";
export type { AppModel, AppSystem, Placement, Post, PostKind } from "./apps/app-model.js";
export { type AppOptions, BaseApp } from "./apps/base-app.js";
export {
  INSTAGRAM_FEED_SHARE,
  INSTAGRAM_LAUNCHER_ACTIVITY,
  INSTAGRAM_PACKAGE,
  INSTAGRAM_REEL_SHARE,
  INSTAGRAM_STORY_SHARE,
  InstagramApp,
  type InstagramScreen,
} from "./apps/instagram.js";
export { TIKTOK_LAUNCHER_ACTIVITY, TIKTOK_PACKAGE, TIKTOK_SHARE_ACTIVITY, TikTokApp, type TikTokScreen } from "./apps/tiktok.js";
export { HomeScreen } from "./home-screen.js";
export { ADB_KEYBOARD, ADB_KEYBOARD_PACKAGE, GBOARD, InputMethods } from "./input-method.js";
export { MediaStore, type MediaItem, type MediaRow, type MediaTable } from "./media-store.js";
export { FakePhone, type FakePhoneOptions, type ReceivedCommand } from "./phone.js";
export { type ScreenModel, textResult } from "./screen-model.js";
export type { CommandResult } from "./services.js";
export { runShellV2, type ShellResult } from "./shell-v2.js";
export { type DumpNode, type Harness, type Match, type Output, PhoneShell, poll, startHarness } from "./test-harness.js";
