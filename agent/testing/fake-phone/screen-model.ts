import type { CommandResult } from "./services.js";

/**
 * What is on the phone's screen, and how it reacts. The command handler consults it for
 * everything that depends on app state, so an app (TikTok, Instagram) can be modelled as
 * a state machine that answers the same commands a real app would, without touching the
 * transport or the shell.
 */
export interface ScreenModel {
  /** The XML `uiautomator dump` writes, or the error it prints (e.g. "could not get idle state"). */
  dumpUi(): { xml: string } | { error: string };
  tap(x: number, y: number): void;
  swipe(x1: number, y1: number, x2: number, y2: number): void;
  /** `input text` argument as the phone receives it (%s is a space). */
  inputText(text: string): void;
  keyEvent(key: string): void;
  /** `am start …` arguments after "start". */
  startActivity(args: string[]): CommandResult;
  /** `am broadcast …` arguments after "broadcast", media scanner requests included. */
  broadcast(args: string[]): CommandResult;
  /** `content query …` arguments after "query". */
  contentQuery(args: string[]): CommandResult;
  /** PNG bytes for `screencap -p`. */
  screenshot(): Buffer;
}

export function textResult(stdout: string, exitCode = 0, stderr = ""): CommandResult {
  return { stdout: Buffer.from(stdout, "utf8"), stderr: Buffer.from(stderr, "utf8"), exitCode };
}
