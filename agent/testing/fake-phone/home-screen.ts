import { solidPng } from "./png.js";
import { type ScreenModel, textResult } from "./screen-model.js";
import type { CommandResult } from "./services.js";

// The launcher, with no app model behind it: the phone's screen until a test sets one.
// It records input so tests can assert on it; its answers mimic the shape of Android's.
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

  inputText(text: string): void {
    this.events.push(`text ${text}`);
  }

  keyEvent(key: string): void {
    this.events.push(`key ${key}`);
  }

  startActivity(args: string[]): CommandResult {
    const component = optionValue(args, "-n");
    return textResult(`Starting: Intent { cmp=${component} }\n`, 1, `Error: Activity class {${component}} does not exist.\n`);
  }

  broadcast(args: string[]): CommandResult {
    const action = optionValue(args, "-a");
    return textResult(`Broadcasting: Intent { act=${action} flg=0x400000 }\nBroadcast completed: result=0\n`);
  }

  contentQuery(_args: string[]): CommandResult {
    return textResult("No result found.\n");
  }

  screenshot(): Buffer {
    return this.png;
  }
}

function optionValue(args: string[], flag: string): string {
  const index = args.indexOf(flag);
  return index < 0 ? "" : (args[index + 1] ?? "");
}
