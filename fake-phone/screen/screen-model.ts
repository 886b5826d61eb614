import type { CommandResult } from "../adb/services.js";

/**
 * What is on the phone's screen, and how it reacts. The launcher and every app model
 * implement it; the phone hands input to whichever is in front. System-wide commands
 * (media store, input methods, which app is in front) are the phone's, not the screen's.
 */
export interface ScreenModel {
  /** The XML `uiautomator dump` writes, or the error it prints (e.g. "could not get idle state."). */
  dumpUi(): { xml: string } | { error: string };
  tap(x: number, y: number): void;
  swipe(x1: number, y1: number, x2: number, y2: number): void;
  /**
   * Text the focused field receives, already decoded: `input text` with %s turned into
   * spaces, ADBKeyBoard's broadcast text, or "\n" for KEYCODE_ENTER.
   */
  inputText(text: string): void;
  /** ADBKeyBoard's ADB_CLEAR_TEXT: empty the focused field. */
  clearText?(): void;
  /** Any key the phone does not handle itself (it handles HOME, and BACK inside apps). */
  keyEvent(key: string): void;
  /**
   * `am start …` arguments after "start", for a component no app model owns. The launcher
   * answers as Android does for a missing activity; a test screen may model one.
   */
  startActivity?(args: string[]): CommandResult;
  /** PNG bytes for `screencap -p`. */
  screenshot(): Buffer;
}

export function textResult(stdout: string, exitCode = 0, stderr = ""): CommandResult {
  return { stdout: Buffer.from(stdout, "utf8"), stderr: Buffer.from(stderr, "utf8"), exitCode };
}
