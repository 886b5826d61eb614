import type { ActivityStart, ScreenSize } from "./phone-driver";

/** Quotes one word for /system/bin/sh; plain words stay bare so command logs stay readable. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_\-.,:/=@%+]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * `input text` splits its argument on spaces and reads %s as a space, so spaces become %s.
 * Only printable ASCII: anything else is silently dropped or mangled by the phone.
 */
export function inputTextArgument(text: string): string {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new RangeError("input text takes printable ASCII only");
  return shellQuote(text.replace(/ /g, "%s"));
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
