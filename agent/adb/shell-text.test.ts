import { describe, expect, it } from "vitest";
import { activityStartOf, inputTextArgument, parseWmDensity, parseWmSize, shellQuote } from "./shell-text";
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
    expect(inputTextArgument("a b;c")).toBe("'a%sb;c'");
    expect(() => inputTextArgument("café")).toThrow(RangeError);
  });

  it("reads the exit status printed by the fallback marker", () => {
    expect(parseExitMarker(Buffer.from("package:x\n__RC=0\n"))).toMatchObject({ exitCode: 0 });
    expect(parseExitMarker(Buffer.from("package:x\n__RC=0\n")).stdout.toString()).toBe("package:x\n");
    expect(parseExitMarker(Buffer.from("no newline__RC=1\r\n"))).toMatchObject({ exitCode: 1 });
    expect(parseExitMarker(Buffer.from("cut short"))).toMatchObject({ exitCode: undefined });
  });
});
