import type { CommandResult } from "../adb/services.js";
import type { Foreground } from "../screen/foreground.js";
import { textResult } from "../screen/screen-model.js";
import type { PhoneCondition } from "../system/condition.js";
import type { DeviceProfile } from "../system/device-profile.js";
import type { FileStore } from "../system/files.js";
import { type InputMethods, settingsCommand } from "../system/input-method.js";
import type { MediaStore } from "../system/media-store.js";
import type { Permissions } from "../system/permissions.js";
import type { WindowManager } from "../window/window-manager.js";
import { amCommand, monkeyCommand } from "./am-command.js";
import { contentCommand } from "./content-command.js";
import { dfCommand } from "./df-command.js";
import { dumpsysCommand } from "./dumpsys-command.js";
import { inputCommand } from "./input-command.js";
import { pmCommand } from "./pm-command.js";
import { touchCommand } from "./touch-command.js";
import { uiautomatorCommand } from "./uiautomator-command.js";

/** What the commands can see and change on the phone. */
export interface PhoneState {
  profile: DeviceProfile;
  files: FileStore;
  properties: Map<string, string>;
  /** Installed packages: name → what `dumpsys package` and `pm path` tell of it. */
  packages: Map<string, InstalledPackage>;
  media: MediaStore;
  imes: InputMethods;
  permissions: Permissions;
  /** The launcher and the installed app models; the one in front draws the screen. */
  foreground: Foreground;
  windows: WindowManager;
  /** `settings put` values other than the input method ones, by "namespace/key". */
  settings: Map<string, string>;
  /** Battery, screen on or off, storage: what `dumpsys battery`, `dumpsys power` and `df` print. */
  condition: PhoneCondition;
  /** Taps and what they hit, in order: for test failure messages. */
  events: string[];
  /** A number in [0, 1) from the phone's seeded sequence: its flakiness is repeatable. */
  random(): number;
}

export interface InstalledPackage {
  apk: string;
  versionName: string;
  versionCode: number;
}

type Command = (args: string[], phone: PhoneState) => CommandResult | Promise<CommandResult>;

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
  // WindowManagerShellCommand: the override line only when one is set.
  wm: ([sub], { profile }) => {
    if (sub === "size") return textResult(`Physical size: ${profile.screen.width}x${profile.screen.height}\n`);
    if (sub === "density") return textResult(`Physical density: ${profile.density}\n`);
    return textResult("", 255, `wm: unsupported ${sub ?? ""}\n`);
  },
  pm: pmCommand,
  dumpsys: dumpsysCommand,
  df: dfCommand,
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
  touch: touchCommand,
  input: inputCommand,
  screencap: (args, phone) => {
    const png = phone.foreground.screen.screenshot();
    const target = args.find((a) => !a.startsWith("-"));
    if (target === undefined) return { stdout: png, stderr: Buffer.alloc(0), exitCode: 0 };
    phone.files.write(target, png);
    return textResult("");
  },
  uiautomator: uiautomatorCommand,
  am: amCommand,
  monkey: monkeyCommand,
  content: (args, phone) => contentCommand(args, phone.media),
  ime: (args, phone) => phone.imes.command(args),
  settings: (args, phone) => settingsCommand(args, phone.imes, phone.settings),
};

/** Runs one simple command (no shell syntax left) on the phone. */
export function runCommand(argv: string[], phone: PhoneState): Promise<CommandResult> {
  const [name, ...args] = argv;
  // hasOwn: a name like "constructor" must not reach Object.prototype.
  const command = name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) return Promise.resolve(textResult("", 127, `/system/bin/sh: ${name ?? ""}: inaccessible or not found\n`));
  return Promise.resolve(command(args, phone));
}
