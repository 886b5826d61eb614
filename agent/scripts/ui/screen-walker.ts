import { setTimeout as sleep } from "node:timers/promises";
import type { PhoneDriver, ScreenSize } from "../../adb/phone-driver";
import { AdbError, DeviceGoneError } from "../../adb/errors";
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

export interface WalkerOptions {
  /** Pause between two looks at the screen. */
  pollMs?: number;
  /** After a tap, how long to wait for the screen to change before the next step looks. */
  settleMs?: number;
}

export interface Sighting {
  target: Target;
  nodes: UiNode[];
}

/**
 * Looks at the screen (uiautomator dumps) until an element shows up, taps it, and waits for
 * the screen to react. Known pop-ups are tapped away while waiting. Every wait ends early
 * when the run's signal is aborted, so a stop takes effect between two adb calls.
 */
export class ScreenWalker {
  /** The XML of the latest dump, for the log when a step fails. */
  lastDump = "";
  private readonly pollMs: number;
  private readonly settleMs: number;

  constructor(
    private readonly driver: PhoneDriver,
    readonly screenSize: ScreenSize,
    private readonly popups: readonly Selector[],
    private readonly signal: AbortSignal,
    private readonly note: (message: string) => Promise<void>,
    options: WalkerOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 700;
    this.settleMs = options.settleMs ?? 3_000;
  }

  /** The nodes on screen now; undefined while uiautomator cannot dump (a video playing). */
  async look(): Promise<UiNode[] | undefined> {
    this.signal.throwIfAborted();
    try {
      this.lastDump = await this.driver.uiDump();
    } catch (error) {
      // "could not get idle state" and friends: the screen is busy, look again shortly.
      if (error instanceof AdbError && !(error instanceof DeviceGoneError)) return undefined;
      throw error;
    }
    return parseUiDump(this.lastDump);
  }

  /** Waits until one of the alternatives is on screen; StepNotFound after `timeoutMs`. */
  async waitFor(step: string, alternatives: readonly Selector[], timeoutMs: number): Promise<Sighting> {
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

  async tapAt(target: Target): Promise<void> {
    const before = this.lastDump;
    await this.driver.tap(target.x, target.y);
    await this.settle(before);
  }

  /**
   * Calls `check` on each look until it returns something or the time is up. Pop-ups are
   * tapped away in between; they never count as the element looked for.
   */
  async poll<T>(timeoutMs: number, check: (nodes: UiNode[]) => T | undefined): Promise<T | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const nodes = await this.look();
      if (nodes !== undefined) {
        const result = check(nodes);
        if (result !== undefined) return result;
        if (await this.dismissPopup(nodes)) continue;
      }
      if (Date.now() >= deadline) return undefined;
      await sleep(Math.min(this.pollMs, Math.max(0, deadline - Date.now())), undefined, { signal: this.signal });
    }
  }

  private async dismissPopup(nodes: readonly UiNode[]): Promise<boolean> {
    const popup = findTarget(nodes, this.popups, this.screenSize);
    if (popup === undefined) return false;
    await this.note(`dismissed a pop-up (${popup.node?.text || popup.node?.contentDesc || `${popup.x},${popup.y}`})`);
    await this.tapAt(popup);
    return true;
  }

  /**
   * Apps animate between screens: a step that looks at once may still see the previous
   * screen and tap its button twice. So after a tap, wait until the dump differs.
   */
  private async settle(before: string): Promise<void> {
    const deadline = Date.now() + this.settleMs;
    while (Date.now() < deadline) {
      await sleep(Math.min(150, this.pollMs), undefined, { signal: this.signal });
      const nodes = await this.look();
      if (nodes !== undefined && this.lastDump !== before) return;
    }
  }
}
