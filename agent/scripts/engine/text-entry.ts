import { FailCode } from "../../../shared/fail-codes";
import { AdbError } from "../../adb/errors";
import type { PhoneDriver } from "../../adb/phone-driver";
import { type ShellLine, shellLine } from "../../adb/shell-text";
import { ScriptFailure } from "./script-failure";

/** ADBKeyBoard (github.com/senzhk/ADBKeyBoard): an input method that types what a broadcast carries. */
export const ADB_KEYBOARD = { package: "com.android.adbkeyboard", ime: "com.android.adbkeyboard/.AdbIME" } as const;

/** `input text` sends key events for printable ASCII only; a newline is an ENTER key. */
export function needsKeyboardApp(text: string): boolean {
  return /[^\x20-\x7e\n]/.test(text);
}

// Long `input text` lines are slow and some phones drop characters past a few hundred.
const CHUNK = 100;
const ERASE_CHUNK = 50;
/** KEYCODE_DEL: deletes the character before the cursor. */
const KEYCODE_DEL = 67;

/**
 * Types into the focused field. ASCII goes through `input text`; anything else (accents,
 * CJK, emoji) through ADBKeyBoard, which is switched to for the run and switched back after.
 */
export class TextEntry {
  private previousIme: string | undefined;

  constructor(private readonly driver: PhoneDriver) {}

  /** Refuses before anything is pushed when a text to type (the caption, a sound's name) needs ADBKeyBoard and the phone lacks it. */
  static async check(driver: PhoneDriver, texts: Readonly<Record<string, string>>): Promise<void> {
    const needing = Object.keys(texts).find((label) => needsKeyboardApp(texts[label] ?? ""));
    if (needing === undefined) return;
    const installed = await driver.shell(shellLine`pm path ${ADB_KEYBOARD.package}`);
    if (installed.exitCode !== 0) {
      throw new ScriptFailure(
        FailCode.AppNotInstalled,
        `the ${needing} has characters \`input text\` cannot type (non-ASCII: accents, emoji, other scripts); install ADBKeyBoard (${ADB_KEYBOARD.package}) on this phone or use ASCII`,
      );
    }
  }

  /**
   * Before the field is tapped: a text that needs ADBKeyBoard switches to it first, so that
   * the tap shows ADBKeyBoard's view, which is when it starts listening for broadcasts.
   */
  async prepare(text: string): Promise<void> {
    if (needsKeyboardApp(text)) await this.useKeyboardApp();
  }

  async type(text: string): Promise<void> {
    if (text.length === 0) return;
    if (needsKeyboardApp(text)) await this.typeWithKeyboardApp(text);
    else await this.typeAscii(text);
  }

  /** Deletes `count` characters before the cursor (DEL keys, which every keyboard passes on). */
  async erase(count: number): Promise<void> {
    for (let left = count; left > 0; left -= ERASE_CHUNK) {
      await this.driver.shell(shellLine`input keyevent ${Array<number>(Math.min(ERASE_CHUNK, left)).fill(KEYCODE_DEL)}`);
    }
  }

  /** Puts the phone's own keyboard back if this run switched to ADBKeyBoard. */
  async restore(): Promise<void> {
    if (this.previousIme === undefined) return;
    const previous = this.previousIme;
    this.previousIme = undefined;
    await this.driver.shell(shellLine`ime set ${previous}`);
  }

  private async typeAscii(text: string): Promise<void> {
    const lines = text.split("\n");
    for (const [index, line] of lines.entries()) {
      if (index > 0) await this.driver.key("KEYCODE_ENTER");
      for (let start = 0; start < line.length; start += CHUNK) await this.driver.text(line.slice(start, start + CHUNK));
    }
  }

  private async useKeyboardApp(): Promise<void> {
    if (this.previousIme !== undefined) return;
    const current = (await this.check(shellLine`settings get secure default_input_method`)).trim();
    await this.check(shellLine`ime enable ${ADB_KEYBOARD.ime}`);
    await this.check(shellLine`ime set ${ADB_KEYBOARD.ime}`);
    this.previousIme = current.length > 0 && current !== "null" ? current : ADB_KEYBOARD.ime;
  }

  // `am broadcast` prints "completed" whether or not ADBKeyBoard was listening (it is not until
  // bound and shown): only reading the field back tells.
  private async typeWithKeyboardApp(text: string): Promise<void> {
    await this.useKeyboardApp();
    const message = Buffer.from(text, "utf8").toString("base64");
    await this.check(shellLine`am broadcast -a ADB_INPUT_B64 --es msg ${message}`);
  }

  private async check(command: ShellLine): Promise<string> {
    const result = await this.driver.shell(command);
    if (result.exitCode !== 0) throw new AdbError(command, `exit ${result.exitCode}: ${(result.stderr || result.stdout).trim().slice(0, 200)}`);
    return result.stdout;
  }
}
