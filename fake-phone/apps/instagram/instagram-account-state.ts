import type { ViewNode } from "../../window/view.js";
import type { AccountState } from "../social-world.js";
import { BUTTON, EDIT, FRAME, IMAGE, type InstagramUi, TEXT } from "./instagram-ui.js";

/** A state that replaces every screen of the app (the action block is a dialog instead). */
export type CoveringState = Exclude<AccountState, "rate_limited">;

/** How a banned account reads: GK recorded both screens in December 2025. */
export type BanScreen = "disabled" | "suspended";

// The activities are GUESSES (no source names them): Instagram's signed-out flow and its
// checkpoint ("challenge") screens run outside the main activity.
const ACTIVITY: Record<CoveringState, string> = {
  logged_out: "com.instagram.nux.activity.SignedOutFragmentActivity",
  captcha: "com.instagram.challenge.activity.ChallengeActivity",
  banned: "com.instagram.challenge.activity.ChallengeActivity",
};

/**
 * The account states a person must handle (SocialWorld.accountState), as Instagram shows them:
 * the log-in screen, the captcha checkpoint, the disabled or suspended account (each covering
 * the whole app), and the "Try Again Later" action block (a dialog over the screen, the action
 * not done). The app calls no world action while a state is set: `guard` is the only way in.
 */
export class InstagramAccountState {
  constructor(
    private readonly ui: InstagramUi,
    private readonly ban: BanScreen,
  ) {}

  current(): AccountState | undefined {
    return this.ui.world.accountState(this.ui.account());
  }

  covering(): CoveringState | undefined {
    const state = this.current();
    return state === undefined || state === "rate_limited" ? undefined : state;
  }

  activity(state: CoveringState): string {
    return ACTIVITY[state];
  }

  /**
   * BACK on a covering screen: the captcha keeps it (true: taken, nothing happens); the log-in
   * and disabled screens are the app's root, so the app goes to the background (false).
   */
  backTaken(state: CoveringState): boolean {
    return state === "captcha";
  }

  /** Runs a world action unless the state refuses it; a rate limit shows the block dialog. */
  guard(what: string, run: () => void): boolean {
    const state = this.current();
    if (state === undefined) {
      run();
      return true;
    }
    this.ui.event(`${what} refused: ${state}`);
    if (state === "rate_limited") this.showBlock();
    return false;
  }

  render(state: CoveringState): ViewNode[] {
    switch (state) {
      case "logged_out":
        return this.login();
      case "captcha":
        return this.captcha();
      case "banned":
        return this.ban === "disabled" ? this.disabled() : this.suspended();
    }
  }

  /**
   * TAKT's `try_again_later_page` (texts "Try Again Later", "We limit how often", "Tell us";
   * ids igds_alert_dialog_headline / _subtext / _primary_button). Which button is primary is a
   * GUESS: "Tell us" (a script tapping the primary button to dismiss gets the report flow
   * instead); OK's id `igds_alert_dialog_secondary_button` is a GUESS too. Not cancelable
   * (the harder case): BACK and a tap outside leave it; only a button closes it.
   */
  private showBlock(): void {
    const s = this.ui.s();
    const { id } = this.ui;
    const bounds: [number, number, number, number] = [90, 800, 990, 1600];
    this.ui.showDialog({
      title: s.blockTitle,
      bounds,
      cancelable: false,
      buttons: [],
      render: () => [
        { cls: TEXT, id: id("igds_alert_dialog_headline"), text: s.blockTitle, bounds: [140, 850, 940, 950] },
        { cls: TEXT, id: id("igds_alert_dialog_subtext"), text: s.blockBody, bounds: [140, 960, 940, 1260] },
        {
          cls: BUTTON,
          id: id("igds_alert_dialog_primary_button"),
          text: s.tellUs,
          bounds: [90, 1300, 990, 1440],
          onTap: () => {
            this.ui.closeDialog(s.tellUs);
            this.ui.event("tell us: the report form is not modelled");
          },
        },
        { cls: BUTTON, id: id("igds_alert_dialog_secondary_button"), text: s.ok, bounds: [90, 1450, 990, 1590], onTap: () => this.ui.closeDialog(s.ok) },
      ],
    });
  }

  /**
   * The log-in screen: GK's logged-out keywords ("create new account"); the field hints and
   * buttons are the 2024+ screen's as the brief gives them (no dump: GUESS), without ids.
   * Logging in is not modelled: the world keeps the state.
   */
  private login(): ViewNode[] {
    const s = this.ui.s();
    const none = (what: string) => () => this.ui.event(`${what} not modelled`);
    return [
      { cls: IMAGE, desc: "Instagram", bounds: [390, 400, 690, 700] },
      this.ui.field("login_user", s.loginUser, [60, 900, 1020, 1040], { cls: EDIT }),
      this.ui.field("login_password", s.loginPassword, [60, 1070, 1020, 1210], { cls: EDIT }),
      { cls: BUTTON, text: s.logIn, bounds: [60, 1260, 1020, 1390], onTap: none("log in") },
      { cls: TEXT, text: s.forgotPassword, bounds: [300, 1420, 780, 1500], onTap: none("forgot password") },
      { cls: BUTTON, text: s.createAccount, bounds: [60, 2050, 1020, 2180], onTap: none("create account") },
      { cls: IMAGE, desc: "Meta", bounds: [440, 2220, 640, 2300] },
    ];
  }

  /** GK `theawakenedmic_20251222_164218`: "Confirm you're human", the image code, Next (desc). */
  private captcha(): ViewNode[] {
    const s = this.ui.s();
    return [
      { cls: TEXT, text: s.captchaTitle, bounds: [60, 200, 1020, 320] },
      { cls: TEXT, text: s.captchaBody, bounds: [60, 340, 1020, 420] },
      { cls: IMAGE, bounds: [240, 460, 840, 760] },
      { cls: TEXT, text: s.hearCode, bounds: [60, 790, 520, 860], onTap: () => this.ui.event("hear this code not modelled") },
      { cls: TEXT, text: s.newCode, bounds: [560, 790, 1020, 860], onTap: () => this.ui.event("new code not modelled") },
      this.ui.field("captcha_code", s.captchaHint, [60, 900, 1020, 1040], { cls: EDIT }),
      { cls: VIEW_GROUP_BUTTON, desc: s.next, bounds: [60, 2100, 1020, 2240], onTap: () => this.ui.event("captcha answer not modelled: the state stays") },
    ];
  }

  /** GK `khalillpetersoninspired_20251222_163945`: the disabled account, with "Log out" (desc). */
  private disabled(): ViewNode[] {
    const s = this.ui.s();
    return [
      { cls: TEXT, text: s.disabledTitle, bounds: [60, 300, 1020, 420] },
      { cls: TEXT, text: s.noAccess(this.ui.account()), bounds: [60, 440, 1020, 520] },
      { cls: TEXT, text: s.disabledOn(today()), bounds: [60, 540, 1020, 600] },
      { cls: TEXT, text: s.disabledBody, bounds: [60, 620, 1020, 800] },
      { cls: TEXT, text: s.noReview, bounds: [60, 820, 1020, 900] },
      { cls: VIEW_GROUP_BUTTON, desc: s.logOut, bounds: [60, 2100, 1020, 2240], onTap: () => this.ui.event("log out not modelled") },
    ];
  }

  /** GK `themotivationmischief_20251226_121939`: the suspension with 180 days to appeal, "Appeal" (desc). */
  private suspended(): ViewNode[] {
    const s = this.ui.s();
    return [
      { cls: TEXT, text: s.suspendedTitle(this.ui.account()), bounds: [60, 300, 1020, 420] },
      { cls: TEXT, text: s.suspendedDays, bounds: [60, 440, 1020, 560] },
      { cls: TEXT, text: s.suspendedOn(today()), bounds: [60, 580, 1020, 640] },
      { cls: TEXT, text: s.suspendedBody, bounds: [60, 660, 1020, 840] },
      { cls: VIEW_GROUP_BUTTON, desc: s.appeal, bounds: [60, 2100, 1020, 2240], onTap: () => this.ui.event("appeal not modelled") },
      { cls: FRAME, desc: s.logOut, bounds: [60, 2250, 1020, 2380], onTap: () => this.ui.event("log out not modelled") },
    ];
  }
}

/** GK's buttons here are known by their desc only (Bloks screens): a clickable ViewGroup. */
const VIEW_GROUP_BUTTON = "android.view.ViewGroup";

/** "December 19, 2025": how GK's screens date the decision (the model dates it today). */
function today(): string {
  return new Date().toLocaleDateString("en-US", { month: "long", day: "numeric", year: "numeric" });
}
