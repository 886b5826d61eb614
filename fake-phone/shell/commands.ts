import { amCommand, monkeyCommand } from "./am-command.js";
import { contentCommand } from "./content-command.js";
import type { FileStore } from "../system/files.js";
import type { Foreground } from "../screen/foreground.js";
import { inputCommand } from "./input-command.js";
import { type InputMethods, settingsCommand } from "../system/input-method.js";
import type { MediaStore } from "../system/media-store.js";
import { textResult } from "../screen/screen-model.js";
import type { CommandResult } from "../adb/services.js";

/** What the commands can see and change on the phone. */
export interface PhoneState {
  files: FileStore;
  properties: Map<string, string>;
  /** Installed packages: name → base.apk path. */
  packages: Map<string, string>;
  screenSize: { width: number; height: number };
  media: MediaStore;
  imes: InputMethods;
  /** The launcher and the installed app models; the one in front gets the input. */
  foreground: Foreground;
  /** `settings put` values other than the input method ones, by "namespace/key". */
  settings: Map<string, string>;
}

type Command = (args: string[], phone: PhoneState) => CommandResult;

// Only commands automation actually sends; anything else fails like a missing binary, so a
// test notices when the agent starts relying on a command the fake does not know.
const COMMANDS: Record<string, Command> = {
  echo: (args) => textResult(`${args.join(" ")}\n`),
  getprop: ([key], phone) => {
    if (key === undefined) {
      return textResult([...phone.properties].map(([k, v]) => `[${k}]: [${v}]\n`).join(""));
    }
    return textResult(`${phone.properties.get(key) ?? ""}\n`);
  },
  wm: ([sub], phone) =>
    sub === "size"
      ? textResult(`Physical size: ${phone.screenSize.width}x${phone.screenSize.height}\n`)
      : textResult("", 255, `wm: unsupported ${sub ?? ""}\n`),
  pm: ([sub, pkg], phone) => {
    if (sub !== "path" || pkg === undefined) return textResult("", 255, "pm: unsupported\n");
    const apk = phone.packages.get(pkg);
    // Real pm prints nothing and exits 1 for a package that is not installed.
    return apk === undefined ? textResult("", 1) : textResult(`package:${apk}\n`);
  },
  rm: (args, phone) => {
    const force = args.some((a) => /^-[a-zA-Z]*f/.test(a));
    const failures = args
      .filter((a) => !a.startsWith("-"))
      .filter((path) => !phone.files.remove(path) && !force)
      .map((path) => `rm: ${path}: No such file or directory\n`);
    return textResult("", failures.length > 0 ? 1 : 0, failures.join(""));
  },
  cat: (args, phone) => {
    const out: Buffer[] = [];
    for (const path of args) {
      const file = phone.files.read(path);
      if (file === undefined) return { stdout: Buffer.concat(out), stderr: Buffer.from(`cat: ${path}: No such file or directory\n`), exitCode: 1 };
      out.push(file.data);
    }
    return { stdout: Buffer.concat(out), stderr: Buffer.alloc(0), exitCode: 0 };
  },
  input: inputCommand,
  screencap: (args, phone) => {
    const png = phone.foreground.screen.screenshot();
    const target = args.find((a) => !a.startsWith("-"));
    if (target === undefined) return { stdout: png, stderr: Buffer.alloc(0), exitCode: 0 };
    phone.files.write(target, png);
    return textResult("");
  },
  uiautomator: ([sub, ...args], phone) => {
    if (sub !== "dump") return textResult("", 1, `uiautomator: unsupported ${sub ?? ""}\n`);
    const target = args.find((a) => !a.startsWith("--"));
    const dump = phone.foreground.screen.dumpUi();
    if ("error" in dump) return textResult("", 1, `ERROR: ${dump.error}\n`);
    const path = target ?? "/sdcard/window_dump.xml";
    phone.files.write(path, Buffer.from(dump.xml, "utf8"));
    // Sic: Android really prints "hierchary".
    return textResult(`UI hierchary dumped to: ${path}\n`);
  },
  am: amCommand,
  monkey: monkeyCommand,
  content: (args, phone) => contentCommand(args, phone.media),
  ime: (args, phone) => phone.imes.command(args),
  settings: (args, phone) => settingsCommand(args, phone.imes, phone.settings),
};

/** Runs one simple command (no shell syntax left) on the phone. */
export function runCommand(argv: string[], phone: PhoneState): CommandResult {
  const [name, ...args] = argv;
  // hasOwn: a name like "constructor" must not reach Object.prototype.
  const command = name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) return textResult("", 127, `/system/bin/sh: ${name ?? ""}: inaccessible or not found\n`);
  return command(args, phone);
}
