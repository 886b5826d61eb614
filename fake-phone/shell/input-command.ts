import type { PhoneState } from "./commands.js";
import { textResult } from "../screen/screen-model.js";
import type { CommandResult } from "../adb/services.js";

// `input` (AOSP InputShellCommand). The phone, not the screen, decodes the text argument,
// routes taps through its windows and keys to the focused one, so every screen sees input
// as an app would.

const KEY_NAMES: Record<string, string> = {
  "3": "KEYCODE_HOME",
  "4": "KEYCODE_BACK",
  "26": "KEYCODE_POWER",
  "61": "KEYCODE_TAB",
  "66": "KEYCODE_ENTER",
  "67": "KEYCODE_DEL",
  "82": "KEYCODE_MENU",
  "223": "KEYCODE_SLEEP",
  "224": "KEYCODE_WAKEUP",
};

export function inputCommand([sub, ...rest]: string[], phone: PhoneState): CommandResult {
  const { foreground, windows } = phone;
  const numbers = rest.map(Number);
  switch (sub) {
    case "keyevent":
      for (const key of rest.filter((k) => !k.startsWith("--"))) {
        const name = (Object.hasOwn(KEY_NAMES, key) ? KEY_NAMES[key] : undefined) ?? key;
        if (name === "KEYCODE_HOME") foreground.home();
        else if (name === "KEYCODE_BACK") windows.back();
        else if (name === "KEYCODE_ENTER") windows.sendText("\n");
        else if (name === "KEYCODE_DEL") windows.sendText("\b");
        else {
          // POWER, SLEEP and WAKEUP change the screen's state, and the app still sees them.
          phone.condition.key(name);
          foreground.screen.keyEvent(name);
        }
      }
      return textResult("");
    case "tap":
      if (numbers.length !== 2 || numbers.some(Number.isNaN)) return usage("tap x y");
      phone.events.push(`tap ${numbers[0]} ${numbers[1]} → ${windows.tap(numbers[0] ?? 0, numbers[1] ?? 0)}`);
      return textResult("");
    case "swipe":
      if (numbers.length < 4 || numbers.some(Number.isNaN)) return usage("swipe x1 y1 x2 y2 [ms]");
      // The duration only sets the speed, and flings are not modelled: a drag scrolls by its travel.
      phone.events.push(`swipe ${rest.join(" ")} → ${windows.swipe(numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 0, numbers[3] ?? 0)}`);
      return textResult("");
    case "text": {
      // Only the first argument is typed: an unquoted "hello world" types "hello".
      const [argument] = rest;
      if (argument === undefined) return usage("text <string>");
      const text = argument.replace(/%s/g, " ");
      // The virtual keyboard map has no keys for other characters: getEvents returns null
      // and the command dies before typing anything.
      if (!/^[\x20-\x7e\t\n]*$/.test(text)) {
        return textResult("", 255, "Exception occurred while executing 'text':\njava.lang.NullPointerException: Attempt to get length of null array\n");
      }
      windows.sendText(text);
      return textResult("");
    }
    default:
      return usage(`${sub ?? ""} is not supported`);
  }
}

function usage(message: string): CommandResult {
  return textResult("", 1, `Error: input ${message}\n`);
}
