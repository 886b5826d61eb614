// A simulated Android phone that the real adb server connects to: the agent's tests, the
// bench and `npm start -- --simulate` run the production path (adbkit → adb server →
// phone) without hardware. Test support (a private adb server, a harness) is in ./testing.
export type { AppModel, AppSystem, Placement, Post, PostExtras, PostKind } from "./apps/app-model.js";
export { type AppOptions, BaseApp, type ProfilePost } from "./apps/base-app.js";
export { type AccountState, DEFAULT_FEED, DEFAULT_USERS, type Restriction, type SocialComment, type SocialPost, type SocialUser, SocialWorld, type SocialWorldOptions, type Watch } from "./apps/social-world.js";
export { INSTAGRAM_263, INSTAGRAM_410, INSTAGRAM_BUILDS, type InstagramBuild } from "./apps/instagram/builds.js";
export {
  INSTAGRAM_FEED_SHARE,
  INSTAGRAM_LAUNCHER_ACTIVITY,
  INSTAGRAM_PACKAGE,
  INSTAGRAM_REEL_SHARE,
  INSTAGRAM_STORY_SHARE,
  INSTAGRAM_URL_HANDLER,
  InstagramApp,
  type InstagramOptions,
  type InstagramScreen,
} from "./apps/instagram/instagram-app.js";
export { INSTAGRAM_LINK_HOSTS, linkScreen as instagramLinkScreen } from "./apps/instagram/instagram-links.js";
export type { BanScreen as InstagramBanScreen } from "./apps/instagram/instagram-account-state.js";
export { TIKTOK_35, TIKTOK_43, TIKTOK_46, TIKTOK_BUILDS, type TikTokBuild } from "./apps/tiktok/builds.js";
export {
  TIKTOK_DEEP_LINK_ACTIVITY,
  TIKTOK_LAUNCHER_ACTIVITY,
  TIKTOK_PACKAGE,
  TIKTOK_SHARE_ACTIVITY,
  TikTokApp,
  type TikTokOptions,
  type TikTokScreen,
} from "./apps/tiktok/tiktok-app.js";
export { TIKTOK_SOUNDS, type TikTokSound, soundLink, soundShortLink } from "./apps/tiktok/tiktok-sounds.js";
export type { TikTokCaptcha } from "./apps/tiktok/tiktok-account-state.js";
export { HomeScreen } from "./screen/home-screen.js";
export { type ScreenDrawing, type ScreenModel, textResult } from "./screen/screen-model.js";
export { type DeviceProfile, GALAXY_A, GBOARD, grantsRefused, PIXEL_7, PROFILES, REDMI_NOTE_ZH, SAMSUNG_KEYBOARD, slowed } from "./system/device-profile.js";
export { ADB_KEYBOARD, ADB_KEYBOARD_PACKAGE, InputMethods } from "./system/input-method.js";
export { MediaStore, type MediaItem, type MediaRow, type MediaTable } from "./system/media-store.js";
export { FakePhone, type FakePhoneOptions, type ReceivedCommand } from "./phone.js";
export { BATTERY_STATUS, type ConditionState, PhoneCondition, type PowerSource, type Wakefulness } from "./system/condition.js";
export type { CommandResult } from "./adb/services.js";
export { runShellV2, type ShellResult } from "./adb/shell-v2.js";
