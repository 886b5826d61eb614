import type { ViewNode } from "../../window/view.js";
import type { AccountState } from "../social-world.js";
import type { TikTokSocialUi } from "./tiktok-social-ui.js";
import { BUTTON, FRAME, IMAGE, LINEAR, TEXT } from "./tiktok-ui.js";

/** A state drawn instead of every screen; the rate limit is a notice over the screen instead. */
export type CoveringState = Exclude<AccountState, "rate_limited">;

/** Which of CS's two captchas covers the app: the puzzle piece, or the rotating "whirl". */
export type TikTokCaptcha = "puzzle" | "rotate";

const AWEME = "com.ss.android.ugc.aweme";
// The model's own names (no source names them). The captcha is a WebView over the activity in
// front (CS reads it from the app's own dump), so it keeps that activity.
const ACTIVITY: Record<Exclude<CoveringState, "captcha">, string> = {
  logged_out: `${AWEME}.account.login.v2.ui.SignUpOrLoginActivity`,
  banned: `${AWEME}.account.ban.AccountBannedActivity`,
};

const WEBVIEW = "android.webkit.WebView";
const WEB_IMAGE = "android.widget.Image";

/**
 * The account states a person must handle (SocialWorld.accountState), as TikTok shows them
 * (research §2.6): the log-in screen (no nav bar), the captcha covering the screen, which BACK
 * does not close, the banned account's "Account Status", and the rate limit's notice, a dialog
 * over the screen with the action not done. `guard` is the only way to a world action.
 */
export class TikTokAccountState {
  constructor(
    private readonly ui: TikTokSocialUi,
    private readonly captchaKind: () => TikTokCaptcha,
  ) {}

  current(): AccountState | undefined {
    return this.ui.world().accountState(this.ui.account());
  }

  covering(): CoveringState | undefined {
    const state = this.current();
    return state === "rate_limited" ? undefined : state;
  }

  /** The activity in front while a state covers the app; the captcha keeps `under`'s. */
  activity(state: CoveringState, under: string): string {
    return state === "captcha" ? under : ACTIVITY[state];
  }

  /** Runs the action unless a state is set: nothing changes then, and a rate limit says so. */
  guard(what: string, run: () => void): boolean {
    const state = this.current();
    if (state === undefined) {
      run();
      this.ui.event(what);
      return true;
    }
    this.ui.event(`${what} refused: ${state}`);
    if (state === "rate_limited") this.showNotice();
    return false;
  }

  render(state: CoveringState): ViewNode[] {
    switch (state) {
      case "logged_out":
        return this.logIn();
      case "captcha":
        return this.captcha();
      case "banned":
        return this.banned();
    }
  }

  /**
   * GUESS (blogs only): a prompt, not a toast (a toast is no part of the dump a script reads),
   * that must be answered: BACK and a tap outside leave it, only OK closes it (the harder case).
   */
  private showNotice(): void {
    const s = this.ui.s();
    this.ui.showDialog({
      title: s.rateLimited,
      bounds: [90, 900, 990, 1500],
      cancelable: false,
      buttons: [{ text: s.ok, onTap: () => this.ui.closeDialog(s.ok) }],
    });
  }

  /** CS / TAKT / GK's keywords; the rows are clickable LinearLayouts around their TextViews (own). */
  private logIn(): ViewNode[] {
    const s = this.ui.s();
    const row = (text: string, top: number): ViewNode => ({
      cls: LINEAR,
      bounds: [80, top, 1000, top + 130],
      onTap: () => this.ui.event(`${text}: logging in is not modelled`),
      children: [
        { cls: IMAGE, bounds: [110, top + 35, 170, top + 95] },
        { cls: TEXT, text, bounds: [200, top + 30, 980, top + 100] },
      ],
    });
    return [
      { cls: TEXT, text: s.logInTitle, bounds: [80, 300, 1000, 420] },
      { cls: TEXT, text: s.logInBody, bounds: [80, 440, 1000, 580] },
      row(s.usePhone, 700),
      row(s.continueFacebook, 860),
      row(s.continueGoogle, 1020),
      { cls: TEXT, text: s.signUp, bounds: [80, 2200, 1000, 2320], onTap: () => this.ui.event("sign up not modelled") },
    ];
  }

  /**
   * CS (trill 24.3.3): a WebView whose texts and DOM ids show in the dump, the drag handle
   * `secsdk-captcha-drag-wrapper` as a bare resource-id. Solving it is not modelled: the state stays.
   */
  private captcha(): ViewNode[] {
    const s = this.ui.s();
    const puzzle = this.captchaKind() === "puzzle";
    return [
      { cls: FRAME, bounds: [0, 0, 1080, 2400] },
      {
        cls: WEBVIEW,
        bounds: [60, 500, 1020, 1700],
        children: [
          { cls: TEXT, text: s.captchaTitle, bounds: [100, 540, 980, 620] },
          { cls: TEXT, text: puzzle ? s.captchaPuzzle : s.captchaRotate, bounds: [100, 630, 980, 710] },
          { cls: WEB_IMAGE, text: puzzle ? "captcha" : "whirl", bounds: [140, 740, 940, 1300] },
          { cls: "android.view.View", id: "secsdk-captcha-drag-wrapper", bounds: [100, 1360, 980, 1480], onTap: () => this.ui.event("captcha drag not modelled: the state stays") },
          { cls: BUTTON, text: s.refresh, bounds: [100, 1540, 400, 1640], onTap: () => this.ui.event("captcha refreshed") },
        ],
      },
    ];
  }

  /** TKJS 2021 ("Account Status", then OK) and GK's keyword; OK changes nothing (the ban stays). */
  private banned(): ViewNode[] {
    const s = this.ui.s();
    return [
      { cls: TEXT, text: s.accountStatus, bounds: [80, 200, 1000, 300] },
      { cls: IMAGE, bounds: [440, 420, 640, 620] },
      { cls: TEXT, text: s.bannedTitle, bounds: [80, 700, 1000, 820] },
      { cls: TEXT, text: s.bannedBody, bounds: [80, 840, 1000, 1000] },
      { cls: BUTTON, text: s.ok, bounds: [80, 2200, 1000, 2330], onTap: () => this.ui.event("account status OK: the ban stays") },
    ];
  }
}
