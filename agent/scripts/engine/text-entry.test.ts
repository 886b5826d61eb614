import { describe, expect, test } from "vitest";
import { needsKeyboardApp } from "./text-entry";

describe("needsKeyboardApp", () => {
  test("printable ASCII and newlines can be typed with input text and ENTER", () => {
    expect(needsKeyboardApp("Hello, world! #fyp ~{|}\nline two")).toBe(false);
    expect(needsKeyboardApp("")).toBe(false);
  });

  test("emoji, accents, CJK, tabs and carriage returns need ADBKeyBoard", () => {
    for (const text of ["🔥", "café", "你好", "a\tb", "a\r\nb", "\u007f"]) expect(needsKeyboardApp(text)).toBe(true);
  });
});
