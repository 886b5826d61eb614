import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { activityStartOf, inputTextWord, parseWmDensity, parseWmSize, type ShellLine, shellLine, shellQuote } from "./shell-text";
import { parseExitMarker } from "./shell-v1";

describe("shell text helpers", () => {
  it("lets the override size win over the physical size", () => {
    expect(parseWmSize("Physical size: 1080x2400\n")).toEqual({ width: 1080, height: 2400 });
    expect(parseWmSize("Physical size: 1080x2400\nOverride size: 720x1600\n")).toEqual({ width: 720, height: 1600 });
    expect(parseWmSize("garbage")).toBeUndefined();
  });

  it("lets the override density win over the physical one", () => {
    expect(parseWmDensity("Physical density: 420\n")).toBe(420);
    expect(parseWmDensity("Physical density: 420\nOverride density: 360\n")).toBe(360);
    expect(parseWmDensity("wm: unsupported")).toBeUndefined();
  });

  it("treats an Error: line as a failed start whatever the exit code", () => {
    expect(activityStartOf("Starting: Intent {}\nError: Activity class {x} does not exist.\n", "", 0).ok).toBe(false);
    expect(activityStartOf("Starting: Intent {}\nStatus: ok\n", "", 0).ok).toBe(true);
  });

  it("quotes words for the phone's shell and spaces for input text", () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellLine`input text ${inputTextWord("a b;c")}`).toBe("input text 'a%sb;c'");
    expect(() => inputTextWord("café")).toThrow(RangeError);
  });

  it("reads the exit status printed by the fallback marker", () => {
    expect(parseExitMarker(Buffer.from("package:x\n__RC=0\n"))).toMatchObject({ exitCode: 0 });
    expect(parseExitMarker(Buffer.from("package:x\n__RC=0\n")).stdout.toString()).toBe("package:x\n");
    expect(parseExitMarker(Buffer.from("no newline__RC=1\r\n"))).toMatchObject({ exitCode: 1 });
    expect(parseExitMarker(Buffer.from("cut short"))).toMatchObject({ exitCode: undefined });
  });
});

/** The words a POSIX sh makes of a line's arguments: printf prints each between brackets. */
function wordsOf(line: ShellLine): string[] {
  const out = execFileSync("sh", ["-c", line], { encoding: "utf8" });
  return [...out.matchAll(/\[([^\]]*)\]\n/g)].map((match) => match[1] ?? "");
}

describe("shellLine", () => {
  // Run by the test machine's sh: a quoting bug must print INJECTED, never do harm.
  const HOSTILE = ["com.x; echo INJECTED", "$(echo INJECTED)", "`echo INJECTED`", "a && echo INJECTED", "x' ; echo INJECTED ; '", "| cat", "> /dev/null", "$HOME", "*", "", "new\nline", "\\"];

  it.each(HOSTILE)("makes %j one quoted word that sh passes on unchanged", (value) => {
    const line = shellLine`printf '[%s]\n' ${value}`;
    expect(line).not.toBe(`printf '[%s]\n' ${value}`);
    expect(wordsOf(line)).toEqual([value]);
  });

  it("quotes a package name a run could carry, so the command stays one command", () => {
    expect(shellLine`am force-stop ${"com.x; rm -rf /"}`).toBe("am force-stop 'com.x; rm -rf /'");
    expect(shellLine`monkey -p ${"$(reboot)"} -c android.intent.category.LAUNCHER 1`).toBe("monkey -p '$(reboot)' -c android.intent.category.LAUNCHER 1");
  });

  it("leaves plain words and the template's own operators as written", () => {
    expect(shellLine`rm -f ${"/sdcard/a.xml"}; uiautomator dump ${"/sdcard/a.xml"} >/dev/null`).toBe("rm -f /sdcard/a.xml; uiautomator dump /sdcard/a.xml >/dev/null");
    expect(shellLine`wm size`).toBe("wm size");
  });

  it("makes each element of an array its own word", () => {
    expect(shellLine`rm -f ${["/sdcard/a b.mp4", "/sdcard/c.mp4"]}`).toBe("rm -f '/sdcard/a b.mp4' /sdcard/c.mp4");
    expect(wordsOf(shellLine`printf '[%s]\n' ${["a b", "$(x)", 7]}`)).toEqual(["a b", "$(x)", "7"]);
    expect(shellLine`input keyevent ${[67, 67]}`).toBe("input keyevent 67 67");
  });

  it("takes integers as they are and refuses any other number", () => {
    expect(shellLine`input tap ${540} ${-1}`).toBe("input tap 540 -1");
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 1e21]) expect(() => shellLine`input tap ${bad}`).toThrow(TypeError);
  });

  it("refuses what is neither a string nor a number, whatever the types said", () => {
    const fromJson = JSON.parse('{"x": {"toString": "rm"}}') as { x: string };
    expect(() => shellLine`pm path ${fromJson.x}`).toThrow(TypeError);
    expect(() => shellLine`pm path ${[null as unknown as string]}`).toThrow(TypeError);
  });

  it("is the only way to make a ShellLine: a raw string does not type-check", () => {
    // @ts-expect-error a plain string is not a ShellLine, so it cannot reach PhoneDriver.shell
    const raw: ShellLine = "am force-stop com.x";
    expect(raw).toBe("am force-stop com.x");
  });
});
