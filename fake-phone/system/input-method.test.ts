import { describe, expect, it } from "vitest";
import { HomeScreen } from "../screen/home-screen.js";
import { NotepadApp, NOTEPAD_PACKAGE } from "../testing/notepad-app.js";
import { type PhoneShell, poll, useHarness } from "../testing/test-harness.js";
import { GBOARD, PIXEL_7, slowed } from "./device-profile.js";
import { ADB_KEYBOARD, ADB_KEYBOARD_PACKAGE } from "./input-method.js";

const b64 = (text: string): string => Buffer.from(text, "utf8").toString("base64");
const LAUNCH = `monkey -p ${NOTEPAD_PACKAGE} -c android.intent.category.LAUNCHER 1`;

const harness = useHarness();

async function notepad(options: { slow?: boolean } = {}): Promise<{ app: NotepadApp; phone: PhoneShell }> {
  const app = new NotepadApp();
  const phone = await harness.phone({ apps: [app], packages: [ADB_KEYBOARD_PACKAGE], profile: options.slow === true ? slowed(PIXEL_7) : PIXEL_7 });
  await phone.ok(LAUNCH);
  return { app, phone };
}

describe("input methods", () => {
  it("starts with the phone's own keyboard selected", async () => {
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

  it("delivers ADB_INPUT_B64 only once ADBKeyBoard is bound and its view has shown on a focused field", async () => {
    const { app, phone } = await notepad({ slow: true });
    const unicode = "Grüße 👋 #fyp";
    const send = () => phone.ok(`am broadcast -a ADB_INPUT_B64 --es msg ${b64(unicode)}`);
    // The broadcast "completes" whether or not anyone listened.
    expect(await send()).toBe("Broadcasting: Intent { act=ADB_INPUT_B64 flg=0x400000 (has extras) }\nBroadcast completed: result=0\n");
    await phone.tap({ text: "Write a note" });
    await phone.ok(`ime set ${ADB_KEYBOARD}`);
    await send();
    expect(app.note).toBe("");
    // The slow profile binds the new keyboard two seconds after `ime set`.
    await poll(async () => {
      await send();
      return app.note === "" ? undefined : true;
    }, 5_000, 250);
    expect(app.note).toBe(unicode);
    await phone.ok("am broadcast -a ADB_CLEAR_TEXT");
    expect(app.note).toBe("");
  });

  it("shows in dumpsys input_method whether the keyboard is up", async () => {
    const { phone } = await notepad();
    const shown = async () => /mInputShown=(true|false)/.exec(await phone.ok("dumpsys input_method"))?.[1];
    expect(await shown()).toBe("false");
    await phone.tap({ text: "Write a note" });
    expect(await shown()).toBe("true");
    await phone.ok("input keyevent KEYCODE_BACK");
    expect(await shown()).toBe("false");
  });
});

describe("input text", () => {
  it("hands the screen %s as a space and types only the first argument", async () => {
    const launcher = new HomeScreen();
    const phone = await harness.phone({ screen: launcher });
    await phone.ok("input text 'hello%sworld'");
    await phone.ok("input text two words");
    expect(launcher.events).toEqual(["text hello world", "text two"]);
  });

  it("types nothing and fails for text outside ASCII", async () => {
    const launcher = new HomeScreen();
    const phone = await harness.phone({ screen: launcher });
    const result = await phone.run("input text 'café'");
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain("NullPointerException");
    expect(launcher.events).toEqual([]);
  });
});
