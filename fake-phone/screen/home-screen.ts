import { missingActivityFor } from "../shell/am-command.js";
import { solidPng } from "../system/png.js";
import type { ScreenDrawing, ScreenModel } from "./screen-model.js";
import type { CommandResult } from "../adb/services.js";

// The launcher: what is on screen when no app is in front. It records input so tests can
// assert on it.
export class HomeScreen implements ScreenModel {
  readonly package = "com.android.launcher3";
  readonly events: string[] = [];
  private readonly png = solidPng(108, 240, [32, 32, 48]);

  draw(): ScreenDrawing {
    return {
      activity: `${this.package}/${this.package}.uioverrides.QuickstepLauncher`,
      views: [{ cls: "android.widget.FrameLayout", id: `${this.package}:id/workspace`, bounds: [0, 0, 1080, 2400] }],
    };
  }

  swipe(x1: number, y1: number, x2: number, y2: number): void {
    this.events.push(`swipe ${x1} ${y1} ${x2} ${y2}`);
  }

  /** The launcher has no text field; the text is recorded as the phone delivered it. */
  inputText(text: string): void {
    this.events.push(`text ${text}`);
  }

  clearText(): void {
    this.events.push("clear text");
  }

  keyEvent(key: string): void {
    this.events.push(`key ${key}`);
  }

  back(): boolean {
    this.events.push("key KEYCODE_BACK");
    return true;
  }

  /** A package without an app model has no activities: Android's "does not exist" answer. */
  startActivity(args: string[]): CommandResult {
    return missingActivityFor(args);
  }

  screenshot(): Buffer {
    return this.png;
  }
}
