import { parseComponent } from "../shell/intent.js";
import { textResult } from "../screen/screen-model.js";
import type { CommandResult } from "../adb/services.js";
import type { KeyboardSpec } from "./device-profile.js";

// The phone's keyboards (InputMethodManagerService). `input text` cannot type anything but
// ASCII, so public scripts switch to ADBKeyBoard and send text by broadcast. The traps kept
// here are the real ones (ADBKeyBoard's AdbIME.java, IMMS):
// - `ime set` only selects: the new keyboard's service is bound later, asynchronously;
// - ADBKeyBoard (up to v2.4) registers its receiver in onCreateInputView, i.e. only once its
//   view has been shown; a broadcast before that goes nowhere and still "completes";
// - the keyboard shows when a field is tapped and covers the bottom of the screen until it is
//   hidden (BACK hides it without reaching the app), or the field's screen goes away.

export const ADB_KEYBOARD = "com.android.adbkeyboard/.AdbIME";
export const ADB_KEYBOARD_PACKAGE = "com.android.adbkeyboard";

// ADBKeyBoard's view is one line of text, "ADB Keyboard {ON}", on a full-width grey strip.
const ADB_KEYBOARD_VIEW: KeyboardSpec = { id: ADB_KEYBOARD, heightDp: 20, keys: false };

// Keyboards that come with an installable package; the phone's own ships with the system image.
const PACKAGE_IMES: Record<string, KeyboardSpec> = { [ADB_KEYBOARD_PACKAGE]: ADB_KEYBOARD_VIEW };

export interface InputMethodOptions {
  isInstalled: (pkg: string) => boolean;
  /** The phone's own keyboard, selected at first. */
  keyboard: KeyboardSpec;
  /** From `ime set` to the new keyboard's service being bound. */
  bindMs: number;
  now?: () => number;
}

export class InputMethods {
  private currentId: string;
  private readonly enabled: Set<string>;
  /** When the current keyboard's service is (or was) bound. */
  private boundAt = 0;
  /** A field asked for the keyboard (it was tapped) and it has not been hidden since. */
  private showRequested = false;
  /** ADBKeyBoard's receiver is registered (its view has been shown since it was bound). */
  private adbReceiver = false;
  private readonly now: () => number;

  constructor(private readonly options: InputMethodOptions) {
    this.currentId = options.keyboard.id;
    this.enabled = new Set([options.keyboard.id]);
    this.now = options.now ?? Date.now;
  }

  get current(): string {
    return this.currentId;
  }

  /** Whether the given IME id (any spelling of its component) is the selected one. */
  isCurrent(id: string): boolean {
    return sameIme(this.currentId, id);
  }

  /** The keyboard's view is on screen: asked for, and its service bound. */
  get shown(): boolean {
    return this.showRequested && this.bound;
  }

  /** What the keyboard on screen draws: its height and whether its view has keys. */
  get view(): KeyboardSpec {
    return this.specs().find((spec) => sameIme(spec.id, this.currentId)) ?? this.options.keyboard;
  }

  /** A text field was tapped or took focus by itself. */
  show(): void {
    this.showRequested = true;
  }

  /** BACK, the keyboard's own hide key, or the field's screen going away. */
  hide(): void {
    this.showRequested = false;
  }

  /** ADBKeyBoard would receive an ADB_INPUT_* broadcast now. */
  adbKeyboardListening(): boolean {
    if (!this.isCurrent(ADB_KEYBOARD) || !this.bound) return false;
    if (this.showRequested) this.adbReceiver = true;
    return this.adbReceiver;
  }

  available(): string[] {
    return this.specs().map((spec) => spec.id);
  }

  enabledIds(): string[] {
    return this.available().filter((id) => this.enabled.has(id));
  }

  /** `ime …` as InputMethodManagerService's shell command answers it. */
  command([sub, ...args]: string[]): CommandResult {
    const id = args.filter((a) => !a.startsWith("-")).at(-1);
    const known = id === undefined ? undefined : this.available().find((a) => sameIme(a, id));
    switch (sub) {
      case "list": {
        const ids = args.includes("-a") ? this.available() : this.enabledIds();
        return textResult(ids.map((i) => `${i}\n`).join(""));
      }
      case "enable":
      case "disable": {
        if (known === undefined) return failure(id, sub === "enable" ? "enabled" : "disabled");
        const enable = sub === "enable";
        const already = this.enabled.has(known) === enable;
        if (enable) this.enabled.add(known);
        else if (known !== this.options.keyboard.id) this.enabled.delete(known);
        return textResult(`Input method ${id}: ${already ? "already" : "now"} ${enable ? "enabled" : "disabled"} for user #0\n`);
      }
      case "set":
        if (known === undefined) return failure(id, "selected");
        this.enabled.add(known);
        this.select(known);
        return textResult(`Input method ${id} selected for user #0\n`);
      case "reset":
        this.select(this.options.keyboard.id);
        return textResult(`Reset current and enabled IMEs for user #0\n  Selected: ${this.options.keyboard.id}\n`);
      default:
        return textResult("", 255, `ime: unsupported ${sub ?? ""}\n`);
    }
  }

  /** Selects a keyboard (`ime set`, or `settings put secure default_input_method` without any check). */
  select(id: string): void {
    if (sameIme(id, this.currentId)) return;
    this.currentId = id;
    this.boundAt = this.now() + this.options.bindMs;
    this.adbReceiver = false;
  }

  /** The state lines of `dumpsys input_method` that scripts read (an OEM build: without mInputShown). */
  dumpLines(sdk: number, focusedWindow: string, format: "aosp" | "oem" = "aosp"): string[] {
    const bound = this.bound;
    const lines = [
      `  mCurMethodId=${this.currentId}`,
      `  mCurFocusedWindow=Window{${hash(focusedWindow)} u0 ${focusedWindow}} softInputMode=STATE_UNSPECIFIED|ADJUST_PAN`,
      `  mCurId=${this.currentId} mHaveConnection=${bound} mBoundToMethod=${bound} mVisibleBound=false`,
    ];
    if (format === "oem") return [...lines, `  mImeWindowVis=0x${this.shown ? "3" : "0"} mBackDisposition=0`];
    // Android 14 moved the visibility state into ImeVisibilityStateComputer's own dump.
    if (sdk >= 34) lines.push("  mRequestedShowExplicitly=false mShowForced=false", "  mImeHiddenByDisplayPolicy=false", `  mInputShown=${this.shown}`);
    else lines.push(`  mShowRequested=${this.showRequested} mShowExplicitlyRequested=false mShowForced=false mInputShown=${this.shown}`);
    return lines;
  }

  private get bound(): boolean {
    return this.now() >= this.boundAt;
  }

  private specs(): KeyboardSpec[] {
    const fromPackages = Object.entries(PACKAGE_IMES)
      .filter(([pkg]) => this.options.isInstalled(pkg))
      .map(([, spec]) => spec);
    return [this.options.keyboard, ...fromPackages];
  }
}

function failure(id: string | undefined, verb: string): CommandResult {
  return textResult("", 255, `Unknown input method ${id ?? ""} cannot be ${verb} for user #0\n`);
}

function sameIme(a: string, b: string): boolean {
  const left = parseComponent(a);
  const right = parseComponent(b);
  return left !== undefined && right !== undefined && left.pkg === right.pkg && left.cls === right.cls;
}

/** A stable stand-in for System.identityHashCode in window labels. */
export function hash(text: string): string {
  let h = 2166136261;
  for (const char of text) h = Math.imul(h ^ (char.codePointAt(0) ?? 0), 16777619);
  return (h >>> 0).toString(16).padStart(7, "0").slice(0, 7);
}

/** `settings get|put <namespace> <key> [value]`: the IME keys come from InputMethods. */
export function settingsCommand([sub, namespace, key, value]: string[], imes: InputMethods, store: Map<string, string>): CommandResult {
  if ((sub !== "get" && sub !== "put") || namespace === undefined || key === undefined) return textResult("", 255, "settings: unsupported\n");
  const name = `${namespace}/${key}`;
  if (sub === "put") {
    if (value === undefined) return textResult("", 255, "settings: missing value\n");
    if (name === "secure/default_input_method") imes.select(value);
    else store.set(name, value);
    return textResult("");
  }
  if (name === "secure/default_input_method") return textResult(`${imes.current}\n`);
  if (name === "secure/enabled_input_methods") return textResult(`${imes.enabledIds().join(":")}\n`);
  // A setting that was never written reads as the word "null".
  return textResult(`${store.get(name) ?? "null"}\n`);
}
