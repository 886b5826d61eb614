import type { Readable } from "node:stream";
import type { ShellLine } from "./shell-text";

export interface ShellOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface ActivityStart {
  /** False when `am start` printed an `Error:` line or exited non-zero. */
  ok: boolean;
  /** stdout and stderr of `am start -W`, for the run's log. */
  output: string;
}

export interface ScreenSize {
  width: number;
  height: number;
}

/**
 * What a script can do to one phone. Every method has a deadline and rejects with an
 * AdbError (DeviceGoneError when the phone has left, AdbTimeoutError when it hung).
 */
export interface PhoneDriver {
  readonly serial: string;
  /** Runs a command line (built by shellLine, so its values are quoted) in the phone's shell; a non-zero exit is a result, not an error. */
  shell(command: ShellLine): Promise<ShellOutput>;
  /** Writes a local file (by path) or bytes to `remotePath` (a file name, not a directory). */
  push(source: string | Buffer | Readable, remotePath: string): Promise<void>;
  /** The screen as PNG bytes. */
  screencap(): Promise<Buffer>;
  /** The current UI hierarchy as uiautomator XML. */
  uiDump(): Promise<string>;
  tap(x: number, y: number): Promise<void>;
  /** A finger drawn from one point to another over `durationMs` (`input swipe`): scrolls a list. */
  swipe(from: { x: number; y: number }, to: { x: number; y: number }, durationMs: number): Promise<void>;
  /** Types ASCII text into the focused field (`input text` cannot type anything else). */
  text(ascii: string): Promise<void>;
  /** A key event: a number or a KEYCODE_… name. */
  key(code: number | string): Promise<void>;
  /** `am start -W <args>`, e.g. ["-a", "android.intent.action.SEND", "-n", "pkg/.Activity"]. */
  startActivity(args: readonly string[]): Promise<ActivityStart>;
  /** The size apps draw at: the override size if one is set, else the physical size. */
  screenSize(): Promise<ScreenSize>;
  /** The dpi apps lay out at (`wm density`, the override if set): px = dp × dpi / 160. */
  density(): Promise<number>;
  /** ro.build.version.sdk, e.g. 33 for Android 13. */
  sdkLevel(): Promise<number>;
  /** Whether the soft keyboard is up (`dumpsys input_method`'s mInputShown); undefined when the phone does not say. */
  keyboardShown(): Promise<boolean | undefined>;
  /** An installed package's versionName (`dumpsys package`), e.g. "43.1.4"; undefined when not told. */
  packageVersion(packageName: string): Promise<string | undefined>;
}
