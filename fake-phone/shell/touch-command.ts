import type { CommandResult } from "../adb/services.js";
import { textResult } from "../screen/screen-model.js";
import type { PhoneState } from "./commands.js";

/**
 * toybox `touch [-c] [-d DATE | -t TIME] FILE...`: sets the modification time, which is what
 * galleries sort by (MediaStore date_modified, read by the scanner). DATE is
 * YYYY-MM-DD[T ]hh:mm:ss or @SECONDS; TIME is [[CC]YY]MMDDhhmm[.ss]; both UTC here.
 */
export function touchCommand(args: string[], phone: PhoneState): CommandResult {
  let seconds = Math.floor(Date.now() / 1000);
  let create = true;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "-c") create = false;
    else if (arg === "-m" || arg === "-a") continue;
    else if (arg === "-d" || arg === "-t") {
      const value = args[++i];
      const parsed = value === undefined ? undefined : arg === "-d" ? parseDate(value) : parseTime(value);
      if (parsed === undefined) return textResult("", 1, `touch: bad date '${value ?? ""}'\n`);
      seconds = parsed;
    } else if (arg.startsWith("-")) return textResult("", 1, `touch: Unknown option '${arg}'\n`);
    else files.push(arg);
  }
  if (files.length === 0) return textResult("", 1, "touch: Need 1 argument\n");
  for (const path of files) {
    const file = phone.files.read(path);
    if (file !== undefined) phone.files.write(path, file.data, file.mode, seconds);
    else if (create) phone.files.write(path, Buffer.alloc(0), 0o644, seconds);
  }
  return textResult("");
}

function parseDate(value: string): number | undefined {
  if (/^@\d+$/.test(value)) return Number(value.slice(1));
  const match = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d))?(?:\.\d+)?$/.exec(value);
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return Math.floor(Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, Number.isNaN(s) ? 0 : (s ?? 0)) / 1000);
}

function parseTime(value: string): number | undefined {
  const match = /^(\d{2}|\d{4})?(\d\d)(\d\d)(\d\d)(\d\d)(?:\.(\d\d))?$/.exec(value);
  if (match === null) return undefined;
  const [, year, mo, d, h, mi, s] = match;
  const now = new Date();
  const y = year === undefined ? now.getUTCFullYear() : year.length === 2 ? 2000 + Number(year) : Number(year);
  return Math.floor(Date.UTC(y, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)) / 1000);
}
