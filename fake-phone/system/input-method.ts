import { parseComponent } from "../shell/intent.js";
import { textResult } from "../screen/screen-model.js";
import type { CommandResult } from "../adb/services.js";

// The phone's keyboards. `input text` cannot type anything but ASCII, so public scripts
// switch to ADBKeyBoard for captions and send the text by broadcast; the broadcast only
// reaches ADBKeyBoard while it is the selected keyboard, and forgetting `ime set` fails
// silently on a real phone. The fake keeps exactly that trap.

export const GBOARD = "com.google.android.inputmethod.latin/com.android.inputmethod.latin.LatinIME";
export const ADB_KEYBOARD = "com.android.adbkeyboard/.AdbIME";
export const ADB_KEYBOARD_PACKAGE = "com.android.adbkeyboard";

// Keyboards that come with an installable package; Gboard ships with the system image.
const PACKAGE_IMES: Record<string, string> = { [ADB_KEYBOARD_PACKAGE]: ADB_KEYBOARD };

export class InputMethods {
  private currentId = GBOARD;
  private readonly enabled = new Set([GBOARD]);

  constructor(private readonly isInstalled: (pkg: string) => boolean) {}

  get current(): string {
    return this.currentId;
  }

  /** Whether the given IME id (any spelling of its component) is the selected one. */
  isCurrent(id: string): boolean {
    return sameIme(this.currentId, id);
  }

  available(): string[] {
    const fromPackages = Object.entries(PACKAGE_IMES)
      .filter(([pkg]) => this.isInstalled(pkg))
      .map(([, id]) => id);
    return [GBOARD, ...fromPackages];
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
        else if (known !== GBOARD) this.enabled.delete(known);
        return textResult(`Input method ${id}: ${already ? "already" : "now"} ${enable ? "enabled" : "disabled"} for user #0\n`);
      }
      case "set":
        if (known === undefined) return failure(id, "selected");
        this.enabled.add(known);
        this.currentId = known;
        return textResult(`Input method ${id} selected for user #0\n`);
      case "reset":
        this.currentId = GBOARD;
        return textResult(`Reset current and enabled IMEs for user #0\n  Selected: ${GBOARD}\n`);
      default:
        return textResult("", 255, `ime: unsupported ${sub ?? ""}\n`);
    }
  }

  /** `settings put secure default_input_method X` writes the setting without any check. */
  select(id: string): void {
    this.currentId = id;
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
