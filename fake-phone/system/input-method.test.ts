import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HomeScreen } from "../screen/home-screen.js";
import { ADB_KEYBOARD, ADB_KEYBOARD_PACKAGE, GBOARD } from "./input-method.js";
import { type Harness, startHarness } from "../testing/test-harness.js";

const b64 = (text: string): string => Buffer.from(text, "utf8").toString("base64");

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.stop();
});

describe("input methods", () => {
  it("starts with Gboard selected", async () => {
    const phone = await harness.phone();
    expect(await phone.ok("settings get secure default_input_method")).toBe(`${GBOARD}\n`);
    expect(await phone.ok("ime list -s")).toBe(`${GBOARD}\n`);
  });

  it("refuses to select ADBKeyBoard when it is not installed", async () => {
    const phone = await harness.phone();
    const result = await phone.run(`ime set ${ADB_KEYBOARD}`);
    expect(result).toEqual({ stdout: "", stderr: `Unknown input method ${ADB_KEYBOARD} cannot be selected for user #0\n`, exitCode: 255 });
    expect(await phone.ok("settings get secure default_input_method")).toBe(`${GBOARD}\n`);
  });

  it("enables and selects ADBKeyBoard once its package is installed", async () => {
    const phone = await harness.phone({ packages: [ADB_KEYBOARD_PACKAGE] });
    expect(await phone.ok(`ime enable ${ADB_KEYBOARD}`)).toMatch(/enabled for user #0\n$/);
    expect(await phone.ok(`ime set ${ADB_KEYBOARD}`)).toBe(`Input method ${ADB_KEYBOARD} selected for user #0\n`);
    expect(await phone.ok("settings get secure default_input_method")).toBe(`${ADB_KEYBOARD}\n`);
    expect(await phone.ok("ime list -s")).toBe(`${GBOARD}\n${ADB_KEYBOARD}\n`);
    expect(await phone.ok(`ime set ${GBOARD}`)).toContain("selected");
    expect(await phone.ok("settings get secure default_input_method")).toBe(`${GBOARD}\n`);
  });

  it("types ADB_INPUT_B64 text only while ADBKeyBoard is the selected keyboard", async () => {
    const launcher = new HomeScreen(1080, 2400);
    const phone = await harness.phone({ packages: [ADB_KEYBOARD_PACKAGE], screen: launcher });
    const unicode = "Grüße 👋 #fyp";
    const before = await phone.ok(`am broadcast -a ADB_INPUT_B64 --es msg ${b64(unicode)}`);
    // The broadcast "completes" either way: nothing tells the sender the text went nowhere.
    expect(before).toBe("Broadcasting: Intent { act=ADB_INPUT_B64 flg=0x400000 (has extras) }\nBroadcast completed: result=0\n");
    expect(launcher.events).toEqual([]);

    await phone.ok(`ime set ${ADB_KEYBOARD}`);
    await phone.ok(`am broadcast -a ADB_INPUT_B64 --es msg ${b64(unicode)}`);
    await phone.ok("am broadcast -a ADB_INPUT_TEXT --es msg 'plain words'");
    await phone.ok("am broadcast -a ADB_CLEAR_TEXT");
    expect(launcher.events).toEqual([`text ${unicode}`, "text plain words", "clear text"]);
  });
});

describe("input text", () => {
  it("hands the screen %s as a space and types only the first argument", async () => {
    const launcher = new HomeScreen(1080, 2400);
    const phone = await harness.phone({ screen: launcher });
    await phone.ok("input text 'hello%sworld'");
    await phone.ok("input text two words");
    expect(launcher.events).toEqual(["text hello world", "text two"]);
  });

  it("types nothing and fails for text outside ASCII", async () => {
    const launcher = new HomeScreen(1080, 2400);
    const phone = await harness.phone({ screen: launcher });
    const result = await phone.run("input text 'café'");
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain("NullPointerException");
    expect(launcher.events).toEqual([]);
  });
});
