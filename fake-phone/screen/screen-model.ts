import type { CommandResult } from "../adb/services.js";
import type { Rect } from "../window/rect.js";
import type { ViewNode } from "../window/view.js";

/**
 * What an activity on screen draws and how it takes input: the launcher and every app model
 * implement it. Taps are not here: the window manager hit-tests the views and calls their
 * handlers, so what a dump shows and what a tap reaches can never disagree.
 */
export interface ScreenModel {
  readonly package: string;
  draw(): ScreenDrawing;
  /**
   * Text for the focused field: key events from `input text` (%s already a space), an IME's
   * commit (ADBKeyBoard's broadcast, a keyboard key), "\n" for ENTER, "\b" for DEL. Lost
   * when no field has focus.
   */
  inputText(text: string): void;
  /** ADBKeyBoard's ADB_CLEAR_TEXT: empty the focused field. */
  clearText?(): void;
  /** A key the phone does not handle itself (it handles HOME, BACK, ENTER and DEL). */
  keyEvent(key: string): void;
  /** A drag that no scrolling view took (device pixels), e.g. over the feed. */
  swipe(x1: number, y1: number, x2: number, y2: number): void;
  /** BACK reaching the activity; false when it was at its root and goes to the background. */
  back(): boolean;
  /**
   * `am start …` arguments after "start", for a component no app model owns. The launcher
   * answers as Android does for a missing activity; a test screen may model one.
   */
  startActivity?(args: string[]): CommandResult;
  /** PNG bytes for `screencap -p`. */
  screenshot(): Buffer;
}

export interface ScreenDrawing {
  /** The activity's window title, "pkg/full.Class", as `dumpsys window` shows it. */
  activity: string;
  /** In the 1080×2400 design space of the content area (below the status bar, above navigation). */
  views: ViewNode[];
  /** A dialog of the app's: a window of its own over the activity, in the same design space. */
  dialog?: AppDialog;
  /** A video is playing: uiautomator's waitForIdle may find no idle moment. */
  playing?: boolean;
}

export interface AppDialog {
  bounds: Rect;
  views: ViewNode[];
  /** BACK or a tap outside cancels it (AlertDialog's default); absent: it cannot be cancelled. */
  cancel?: () => void;
  /** BACK, when the dialog steps back inside itself first (a sheet's search, a panel); default `cancel`. */
  back?: () => void;
}

export function textResult(stdout: string, exitCode = 0, stderr = ""): CommandResult {
  return { stdout: Buffer.from(stdout, "utf8"), stderr: Buffer.from(stderr, "utf8"), exitCode };
}
