import type { ActivityStart, ScreenSize } from "./phone-driver";

declare const shellLineBrand: unique symbol;

/**
 * A command line for the phone's shell built by `shellLine`, so every value in it was quoted.
 * PhoneDriver.shell takes only this type: a line glued together from raw strings (a package
 * name the server sent, a file name) does not type-check, so none can reach `sh` unquoted.
 */
export type ShellLine = string & { readonly [shellLineBrand]: true };

/** What `shellLine` interpolates: a word, an integer, or several words (joined by spaces). */
export type ShellValue = string | number | readonly (string | number)[];

/**
 * Builds a shell line: the template's text is the command as written (operators, redirects),
 * each interpolated value becomes one quoted word, an array one word per element.
 * `shellLine\`am force-stop ${pkg}\`` with pkg = "x; reboot" gives `am force-stop 'x; reboot'`.
 */
export function shellLine(strings: TemplateStringsArray, ...values: readonly ShellValue[]): ShellLine {
  let line = strings[0] ?? "";
  for (const [index, value] of values.entries()) {
    line += (isList(value) ? value.map(shellWord).join(" ") : shellWord(value)) + (strings[index + 1] ?? "");
  }
  return line as ShellLine;
}

function isList(value: ShellValue): value is readonly (string | number)[] {
  return Array.isArray(value);
}

/** Checked at run time too: the types say string or number, but a value from JSON may be anything. */
function shellWord(value: unknown): string {
  if (typeof value === "string") return shellQuote(value);
  // Only plain integers: 1.5, NaN or 1e21 would print as something no command expects.
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  throw new TypeError(`a shell line takes strings and integers, got ${typeof value === "number" ? String(value) : typeof value}`);
}

/** Quotes one word for /system/bin/sh; plain words stay bare so command logs stay readable. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_\-.,:/=@%+]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * `input text` splits its argument on spaces and reads %s as a space, so spaces become %s.
 * Only printable ASCII: anything else is silently dropped or mangled by the phone. The word
 * is not quoted yet: it goes into a shellLine, which quotes it.
 */
export function inputTextWord(text: string): string {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new RangeError("input text takes printable ASCII only");
  return text.replace(/ /g, "%s");
}

/** `wm size`: "Physical size: 1080x2400" and, when set, "Override size: 720x1600", which wins. */
export function parseWmSize(output: string): ScreenSize | undefined {
  const read = (label: string): ScreenSize | undefined => {
    const match = new RegExp(`${label} size:\\s*(\\d+)x(\\d+)`).exec(output);
    return match === null ? undefined : { width: Number(match[1]), height: Number(match[2]) };
  };
  return read("Override") ?? read("Physical");
}

/** `wm density`: "Physical density: 420", and "Override density: 400" when one is set (apps lay out at that one). */
export function parseWmDensity(output: string): number | undefined {
  const read = (label: string): number | undefined => {
    const match = new RegExp(`${label} density:\\s*(\\d+)`).exec(output);
    return match === null ? undefined : Number(match[1]);
  };
  return read("Override") ?? read("Physical");
}

/** Public share activities are not an API: `am start` may print `Error:` and still exit 0. */
export function activityStartOf(stdout: string, stderr: string, exitCode: number): ActivityStart {
  const output = `${stdout}${stderr}`;
  return { ok: exitCode === 0 && !/^Error:/m.test(output), output };
}
