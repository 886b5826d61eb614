import { missingActivityFor } from "../shell/am-command.js";
import { solidPng } from "../system/png.js";
import type { ScreenModel } from "./screen-model.js";
import type { CommandResult } from "../adb/services.js";

// The launcher: what is on screen when no app is in front. It records input so tests can
// assert on it; its answers mimic the shape of Android's.
export class HomeScreen implements ScreenModel {
  readonly events: string[] = [];
  private readonly png: Buffer;

  constructor(
    private readonly width: number,
    private readonly height: number,
  ) {
    // A tenth of the real size keeps screenshots small while keeping the aspect ratio.
    this.png = solidPng(Math.max(1, Math.round(width / 10)), Math.max(1, Math.round(height / 10)), [32, 32, 48]);
  }

  dumpUi(): { xml: string } {
    return {
      xml:
        "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation=\"0\">" +
        '<node index="0" text="" resource-id="com.android.launcher3:id/workspace" class="android.widget.FrameLayout" ' +
        `package="com.android.launcher3" content-desc="" clickable="false" bounds="[0,0][${this.width},${this.height}]" /></hierarchy>`,
    };
  }

  tap(x: number, y: number): void {
    this.events.push(`tap ${x} ${y}`);
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

  /** A package without an app model has no activities: Android's "does not exist" answer. */
  startActivity(args: string[]): CommandResult {
    return missingActivityFor(args);
  }

  screenshot(): Buffer {
    return this.png;
  }
}
