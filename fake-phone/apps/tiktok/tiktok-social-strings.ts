// Texts of TikTok's social screens: another user's profile, the video page and feed, the
// comment sheet, the search's Users and Videos tabs and the account-state screens. Sources by
// the README's short names (the research note tikmatrix-scripts.md Part 2 cites each): TKT43,
// TAKT, GK (GEEL-TT), CS, TKJS, VN-U2, RS. Texts marked GUESS come from the web or detector
// keyword lists only; "own" ones no source quotes. Content-descs are not here: RS measured them
// in English whatever the UI language (tiktok-social-ui.ts, DESC).

export interface TikTokSocialStrings {
  follow: string;
  following: string;
  requested: string;
  message: string;
  /** Counter labels under the values: TKT43 "Follower" and "Like" when the count is 1. */
  followingLabel: string;
  followersLabel: (n: number) => string;
  likesLabel: (n: number) => string;
  privateTitle: string;
  privateBody: string;
  noVideos: string;
  notFoundTitle: string;
  notFoundBody: string;
  unfollow: string;
  notificationsRow: string;
  muteRow: string;
  videoUnavailable: string;
  videoUnavailableBody: string;
  sponsored: string;
  learnMore: string;
  live: string;
  watchLive: string;
  messageBar: string;
  commentsHeader: (n: number) => string;
  addComment: string;
  reply: string;
  pickerTitle: string;
  followersRow: (count: string, n: number) => string;
  logInTitle: string;
  logInBody: string;
  usePhone: string;
  continueFacebook: string;
  continueGoogle: string;
  signUp: string;
  captchaTitle: string;
  captchaPuzzle: string;
  captchaRotate: string;
  refresh: string;
  accountStatus: string;
  bannedTitle: string;
  bannedBody: string;
  ok: string;
  rateLimited: string;
}

export const SOCIAL_EN: TikTokSocialStrings = {
  // TKT43 `eme` "Follow"; TAKT "Following" (Button); TKJS 2021 "Requested"; TAKT "Message".
  follow: "Follow",
  following: "Following",
  requested: "Requested",
  message: "Message",
  followingLabel: "Following",
  followersLabel: (n) => (n === 1 ? "Follower" : "Followers"),
  likesLabel: (n) => (n === 1 ? "Like" : "Likes"),
  // GUESS: TAKT only matches contains(@text,"private"); no Android dump has the wording. The body is own.
  privateTitle: "This account is private",
  privateBody: "Follow this account to see their videos and likes.",
  // TAKT `w4m` "No videos yet".
  noVideos: "No videos yet",
  // GUESS (tiktok.com's web page and the checkers that read it); the app's wording is not recorded.
  notFoundTitle: "Couldn't find this account",
  notFoundBody: "Looking for videos? Try browsing our trending creators, hashtags, and sounds.",
  // TAKT's list unfollow confirms on a clickable "Unfollow"; the other rows are own.
  unfollow: "Unfollow",
  notificationsRow: "Manage notifications",
  muteRow: "Mute",
  // GUESS (own, from the web's "Video currently unavailable").
  videoUnavailable: "Video currently unavailable",
  videoUnavailableBody: "This video may have been removed or made private.",
  // "Sponsored": the ad label was not found in any source (own); "Learn more" own; "LIVE" own.
  sponsored: "Sponsored",
  learnMore: "Learn more",
  live: "LIVE",
  watchLive: "Tap to watch LIVE",
  // TKT43: the video page's bottom bar `qwx` reads "Message...".
  messageBar: "Message...",
  // GK 160007: "\u200e3 comments" with the leading LEFT-TO-RIGHT MARK; the singular is own.
  commentsHeader: (n) => `\u200e${n} ${n === 1 ? "comment" : "comments"}`,
  // GK 160007 `dpl`; VN-U2 and TKJS match text "Add comment...".
  addComment: "Add comment...",
  reply: "Reply",
  // The comment image picker: no source (own); "Recents" as the upload gallery's album.
  pickerTitle: "Recents",
  followersRow: (count, n) => `${count} ${n === 1 ? "follower" : "followers"}`,
  // CS and TAKT ("Log in to TikTok", "Don’t have an account? Sign up" with U+2019); GK's keywords.
  // "Use phone / email / username" and "Continue with …" are the current screen's (no dump: GUESS).
  logInTitle: "Log in to TikTok",
  logInBody: "Manage your account, check notifications, comment on videos, and more.",
  usePhone: "Use phone / email / username",
  continueFacebook: "Continue with Facebook",
  continueGoogle: "Continue with Google",
  signUp: "Don\u2019t have an account? Sign up",
  // CS (trill 24.3.3, a WebView): the two captcha kinds' instructions; "Verify to continue:" the web's (GUESS).
  captchaTitle: "Verify to continue:",
  captchaPuzzle: "Drag the puzzle piece into place",
  captchaRotate: "Drag the slider to fit the puzzle",
  refresh: "Refresh",
  // TKJS 2021: "Account Status" then OK; the ban line is GK's detector keyword (GUESS); the body own.
  accountStatus: "Account Status",
  bannedTitle: "Your account was permanently banned",
  bannedBody: "Your account was banned due to multiple violations of our Community Guidelines.",
  ok: "OK",
  // GUESS (blogs: "You're tapping too fast, take a break" after fast liking, following or
  // commenting). Picked over "Too many attempts. Try again later.", which no source has for TikTok.
  rateLimited: "You're tapping too fast. Take a break.",
};

// No source records any of these screens in Chinese (TikMatrix supports English only; RS saw the
// descs stay English): the Chinese set keeps them English, the harder case for a script that
// would look for its own translations. Only the counters and buttons shared with the own profile
// follow strings.ts's Chinese.
export const SOCIAL_ZH: TikTokSocialStrings = {
  ...SOCIAL_EN,
  followingLabel: "关注",
  followersLabel: () => "粉丝",
  likesLabel: () => "获赞",
};
