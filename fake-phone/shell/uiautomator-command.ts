import { setTimeout as sleep } from "node:timers/promises";
import type { CommandResult } from "../adb/services.js";
import { textResult } from "../screen/screen-model.js";
import type { PhoneState } from "./commands.js";

/**
 * `uiautomator dump [--compressed] [file]` (cmds/uiautomator DumpCommand): waits for the UI to
 * be idle, writes the active window's XML and prints where. While a video plays, waitForIdle
 * may give up ("could not get idle state.", after its 10 s): the error goes to stderr, no file
 * is written, and the process still exits 0, because run() only returns.
 */
export async function uiautomatorCommand([sub, ...args]: string[], phone: PhoneState): Promise<CommandResult> {
  if (sub !== "dump") return textResult("", 1, `uiautomator: unsupported ${sub ?? ""}\n`);
  const { dumpMs, idleFailRate, idleTimeoutMs } = phone.profile.slow;
  if (phone.windows.playing() && phone.random() < idleFailRate) {
    await sleep(idleTimeoutMs);
    return textResult("", 0, "ERROR: could not get idle state.\n");
  }
  await sleep(dumpMs[0] + (dumpMs[1] - dumpMs[0]) * phone.random());
  // Any other dash argument is ignored; the first plain one is the file.
  const path = args.find((a) => !a.startsWith("-")) ?? "/sdcard/window_dump.xml";
  phone.files.write(path, Buffer.from(phone.windows.dump(), "utf8"));
  // Sic: Android really prints "hierchary".
  return textResult(`UI hierchary dumped to: ${path}\n`);
}
