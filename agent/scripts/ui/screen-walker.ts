import { setTimeout as sleep } from "node:timers/promises";
import type { PhoneDriver, ScreenSize } from "../../adb/phone-driver";
import { AdbError, DeviceGoneError } from "../../adb/errors";
import type { AccountState, Popup } from "../apps/app-data";
import { describeSelectors, findTarget, type Selector, type Target } from "./selector";
import { parseUiDump, type UiNode } from "./ui-tree";

/** An element a step waits for never showed up. Carries the last dump for the run's log. */
export class StepNotFound extends Error {
  override readonly name = "StepNotFound";
  constructor(
    readonly step: string,
    selectors: string,
    timeoutMs: number,
    readonly lastDump: string,
  ) {
    super(`"${step}" did not appear within ${Math.round(timeoutMs / 1000)} s (looked for ${selectors})`);
  }
}

/**
 * The app shows a state of the account a person must handle (logged out, a captcha, a
 * restriction, a ban): no step can go on, whatever it waits for.
 */
export class AccountStateSeen extends Error {
  override readonly name = "AccountStateSeen";
  constructor(
    readonly state: AccountState,
    /** What the screen says, for the remark and the account's reason. */
    readonly shown: string,
  ) {
    super(`the app shows "${shown.slice(0, 200)}"`);
  }
}

/** How often a wait scrolls a list before it gives up on the element. */
const MAX_SCROLLS = 5;

export interface WalkerOptions {
  /** Pause between two looks at the screen. */
  pollMs?: number;
  /** After a tap, how long to wait for the screen to change before the next step looks. */
  settleMs?: number;
  /**
   * A wait ends at its timeout only after this many good looks: on a slow phone one dump
   * takes seconds, and one failing over a playing video ten, so time alone would give up
   * after a look or two (at most four times the timeout in all).
   */
  minLooks?: number;
}

export interface WalkerSetup {
  screenSize: ScreenSize;
  popups: readonly Popup[];
  /** The screens of account states (the app data's account_states), checked on every look. */
  accountStates?: readonly { state: AccountState; when: readonly Selector[] }[];
  /** Where a tap pauses a playing video (fractions of the screen), when dumps keep failing. */
  pauseVideo?: readonly [number, number];
  signal: AbortSignal;
  note: (message: string) => Promise<void>;
}

export interface Sighting {
  target: Target;
  nodes: UiNode[];
}

/**
 * Looks at the screen (uiautomator dumps) until an element shows up, taps it, and waits for
 * the screen to react. Known pop-ups are tapped away while waiting. A keyboard raised by a
 * text field is hidden before the next element is looked for, since it covers the bottom of
 * the screen and takes the taps aimed there. Every wait ends early when the run's signal is
 * aborted, so a stop takes effect between two adb calls.
 */
export class ScreenWalker {
  /** The XML of the latest dump, for the log when a step fails. */
  lastDump = "";
  readonly screenSize: ScreenSize;
  private readonly pollMs: number;
  private readonly settleMs: number;
  private readonly minLooks: number;
  /** A text field was tapped since the keyboard was last known to be hidden. */
  private keyboardMayBeUp = false;
  private pausedVideo = false;

  constructor(
    private readonly driver: PhoneDriver,
    private readonly setup: WalkerSetup,
    options: WalkerOptions = {},
  ) {
    this.screenSize = setup.screenSize;
    this.pollMs = options.pollMs ?? 700;
    this.settleMs = options.settleMs ?? 3_000;
    this.minLooks = options.minLooks ?? 3;
  }

  /** The nodes on screen now; undefined while uiautomator cannot dump (a video playing). */
  async look(): Promise<UiNode[] | undefined> {
    this.setup.signal.throwIfAborted();
    try {
      this.lastDump = await this.driver.uiDump();
    } catch (error) {
      // "could not get idle state" and friends: the screen is busy, look again shortly.
      if (error instanceof AdbError && !(error instanceof DeviceGoneError)) {
        await this.onFailedLook();
        return undefined;
      }
      throw error;
    }
    return parseUiDump(this.lastDump);
  }

  /** Waits until one of the alternatives is on screen; StepNotFound after `timeoutMs`. */
  async waitFor(step: string, alternatives: readonly Selector[], timeoutMs: number): Promise<Sighting> {
    await this.hideKeyboard();
    const found = await this.poll(timeoutMs, (nodes) => {
      const target = findTarget(nodes, alternatives, this.screenSize);
      return target === undefined ? undefined : { target, nodes };
    });
    if (found === undefined) throw new StepNotFound(step, describeSelectors(alternatives), timeoutMs, this.lastDump);
    return found;
  }

  /** Waits for an element and taps it; resolves once the screen has changed (or settleMs passed). */
  async tap(step: string, alternatives: readonly Selector[], timeoutMs: number): Promise<Sighting> {
    const sighting = await this.waitFor(step, alternatives, timeoutMs);
    await this.tapAt(sighting.target);
    return sighting;
  }

  /** A tap; `settle: false` for a control whose change no dump shows (a slider's progress), which would only wait out settleMs. */
  async tapAt(target: { x: number; y: number }, options: { settle?: boolean } = {}): Promise<void> {
    const before = this.lastDump;
    await this.driver.tap(target.x, target.y);
    if (options.settle !== false) await this.settle(before);
  }

  /** BACK, once the keyboard is hidden (with it up, BACK would only hide it). */
  async pressBack(): Promise<void> {
    await this.hideKeyboard();
    const before = this.lastDump;
    await this.driver.key("KEYCODE_BACK");
    await this.settle(before);
  }

  /**
   * Waits for an element that may lie below a list's fold: a list lays out only the rows in its
   * viewport, so while the element is not in the dump but the list is, the list is scrolled a
   * screenful up (a swipe within it), at most `MAX_SCROLLS` times.
   */
  async waitScrolling(step: string, alternatives: readonly Selector[], list: readonly Selector[], timeoutMs: number): Promise<Sighting> {
    await this.hideKeyboard();
    for (let scrolls = 0; ; scrolls++) {
      const seen = await this.poll(timeoutMs, (nodes) => {
        const target = findTarget(nodes, alternatives, this.screenSize);
        if (target !== undefined) return { target, nodes };
        const scroller = scrolls < MAX_SCROLLS ? findTarget(nodes, list, this.screenSize)?.node : undefined;
        return scroller === undefined ? undefined : scroller;
      });
      if (seen === undefined) throw new StepNotFound(step, `${describeSelectors(alternatives)} (scrolled ${scrolls} times)`, timeoutMs, this.lastDump);
      if ("target" in seen) return seen;
      const { left, right, top, bottom } = seen.bounds;
      const x = Math.round((left + right) / 2);
      const before = this.lastDump;
      // From three quarters down to one quarter: half the list's height, so no row is skipped.
      await this.driver.swipe({ x, y: Math.round(top + (bottom - top) * 0.75) }, { x, y: Math.round(top + (bottom - top) * 0.25) }, 400);
      await this.settle(before);
    }
  }

  /** A text field is being tapped: the keyboard will cover the bottom of the screen. */
  fieldTapped(): void {
    this.keyboardMayBeUp = true;
  }

  /**
   * Hides the keyboard if it is up. BACK hides only the keyboard while it shows, but with it
   * hidden BACK would leave the screen, so the phone is asked first (dumpsys input_method).
   */
  async hideKeyboard(): Promise<void> {
    if (!this.keyboardMayBeUp) return;
    this.keyboardMayBeUp = false;
    for (let attempt = 0; attempt < 3; attempt++) {
      const shown = await this.keyboardShown();
      if (shown === false) return;
      await this.driver.key("KEYCODE_BACK");
      if (shown === undefined) {
        // A field was tapped and typed into, and nothing hid the keyboard since: it is up. A
        // dump cannot tell (a thin keyboard covers a button without hiding it from the dump).
        await this.setup.note("the phone does not say whether the keyboard is up (no mInputShown in dumpsys input_method): pressed BACK once");
        return;
      }
      await sleep(300, undefined, { signal: this.setup.signal });
    }
    await this.setup.note("the keyboard is still up after BACK");
  }

  /** The app closed the field's editor (Instagram's caption OK): the keyboard went with it. */
  keyboardClosed(): void {
    this.keyboardMayBeUp = false;
  }

  private async keyboardShown(): Promise<boolean | undefined> {
    try {
      return await this.driver.keyboardShown();
    } catch (error) {
      if (error instanceof AdbError && !(error instanceof DeviceGoneError)) return undefined;
      throw error;
    }
  }

  /**
   * Calls `check` on each look until it returns something or the time is up. Pop-ups are
   * tapped away in between; they never count as the element looked for.
   */
  async poll<T>(timeoutMs: number, check: (nodes: UiNode[]) => T | undefined): Promise<T | undefined> {
    const start = Date.now();
    const deadline = start + timeoutMs;
    const hardDeadline = start + timeoutMs * 4;
    let looks = 0;
    this.pausedVideo = false;
    for (;;) {
      const nodes = await this.look();
      if (nodes !== undefined) {
        looks++;
        this.refuseAccountState(nodes);
        const result = check(nodes);
        if (result !== undefined) return result;
        if (await this.dismissPopup(nodes)) continue;
      }
      const now = Date.now();
      if ((now >= deadline && looks >= this.minLooks) || now >= hardDeadline) return undefined;
      await sleep(Math.min(this.pollMs, Math.max(0, deadline - now)) || this.pollMs, undefined, { signal: this.setup.signal });
    }
  }

  /** Checked before the step's own element: a log-in screen may well have a button the step would take. */
  private refuseAccountState(nodes: readonly UiNode[]): void {
    for (const { state, when } of this.setup.accountStates ?? []) {
      const target = findTarget(nodes, when, this.screenSize);
      if (target !== undefined) throw new AccountStateSeen(state, target.node?.text || target.node?.contentDesc || state);
    }
  }

  private async dismissPopup(nodes: readonly UiNode[]): Promise<boolean> {
    for (const popup of this.setup.popups) {
      if (popup.when !== undefined && findTarget(nodes, [popup.when], this.screenSize) === undefined) continue;
      const target = findTarget(nodes, popup.tap, this.screenSize);
      if (target === undefined) continue;
      const label = target.node?.text || target.node?.contentDesc || target.node?.resourceId.replace(/^.*:id\//, "") || `${target.x},${target.y}`;
      await this.setup.note(`dismissed a pop-up (${label})`);
      await this.tapAt(target);
      return true;
    }
    return false;
  }

  /** The first failed dump of a wait pauses a playing video, if the app's data says where. */
  private async onFailedLook(): Promise<void> {
    const at = this.setup.pauseVideo;
    if (at === undefined || this.pausedVideo) return;
    this.pausedVideo = true;
    await this.setup.note("the screen is busy (a video playing?): tapping it to pause");
    await this.driver.tap(Math.round(at[0] * this.screenSize.width), Math.round(at[1] * this.screenSize.height));
  }

  /**
   * Apps animate between screens: a step that looks at once may still see the previous
   * screen and tap its button twice. So after a tap, wait until the dump differs.
   */
  private async settle(before: string): Promise<void> {
    const deadline = Date.now() + this.settleMs;
    while (Date.now() < deadline) {
      await sleep(Math.min(150, this.pollMs), undefined, { signal: this.setup.signal });
      const nodes = await this.look();
      if (nodes !== undefined && this.lastDump !== before) return;
    }
  }
}
