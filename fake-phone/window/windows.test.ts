import { describe, expect, it } from "vitest";
import { type DeviceProfile, GALAXY_A, PIXEL_7 } from "../system/device-profile.js";
import { NotepadApp, NOTEPAD_PACKAGE } from "../testing/notepad-app.js";
import { type PhoneShell, useHarness } from "../testing/test-harness.js";

// The screen as windows (WindowManager, InputDispatcher, AccessibilityInteractionController):
// what a dump shows and where a tap goes when a keyboard, a dialog or a bar is over the app.

const LAUNCH = `monkey -p ${NOTEPAD_PACKAGE} -c android.intent.category.LAUNCHER 1`;

const harness = useHarness();

async function notepad(profile: DeviceProfile): Promise<{ app: NotepadApp; phone: PhoneShell }> {
  const app = new NotepadApp();
  const phone = await harness.phone({ apps: [app], profile });
  await phone.ok(LAUNCH);
  return { app, phone };
}

describe("the keyboard is a window over the bottom of the screen", () => {
  it("leaves views it wholly covers out of the dump where windows are tracked, and takes taps aimed at them", async () => {
    const { app, phone } = await notepad(PIXEL_7);
    const save = await phone.find({ text: "Save" });
    expect(save).toBeDefined();
    await phone.tap({ text: "Write a note" });
    expect(await phone.find({ text: "Save" })).toBeUndefined();
    // A tap where Save was types a key of the keyboard into the note instead.
    await phone.ok(`input tap ${save?.centre.x} ${save?.centre.y}`);
    expect(app.saved).toEqual([]);
    expect(app.note.length).toBe(1);
  });

  it("still dumps covered views on a phone without window tracking, at their full bounds", async () => {
    const { app, phone } = await notepad(GALAXY_A);
    const before = await phone.find({ text: "Save" });
    await phone.tap({ text: "Write a note" });
    const covered = await phone.find({ text: "Save" });
    expect(covered?.bounds).toBe(before?.bounds);
    await phone.tap({ text: "Save" });
    expect(app.saved).toEqual([]);
  });

  it("hides on BACK without the app seeing it; the next BACK reaches the app", async () => {
    const { app, phone } = await notepad(PIXEL_7);
    await phone.tap({ text: "Write a note" });
    await phone.ok("input text hello");
    await phone.ok("input keyevent KEYCODE_BACK");
    expect(phone.phone.frontPackage).toBe(NOTEPAD_PACKAGE);
    await phone.tap({ text: "Save" });
    expect(app.saved).toEqual(["hello"]);
    await phone.ok("input keyevent KEYCODE_BACK");
    expect(phone.phone.frontPackage).toBeUndefined();
  });

  it("types only ASCII key events into the focused field, and nothing once focus is gone", async () => {
    const { app, phone } = await notepad(PIXEL_7);
    await phone.ok("input text lost");
    expect(app.note).toBe("");
    await phone.tap({ text: "Write a note" });
    await phone.ok("input text one");
    await phone.ok("input keyevent KEYCODE_ENTER");
    await phone.ok("input text two");
    await phone.ok("input keyevent KEYCODE_DEL");
    expect(app.note).toBe("one\ntw");
  });
});

describe("dialogs are windows", () => {
  it("replace the activity in the dump while they show, and take every tap", async () => {
    const { app, phone } = await notepad(PIXEL_7);
    await phone.tap({ text: "Ask" });
    const nodes = await phone.dump();
    expect(nodes.map((node) => node.text)).toContain("Sure?");
    expect(nodes.some((node) => node.text === "Save")).toBe(false);
    expect(nodes[0]?.bounds).not.toBe("[0,0][1080,2400]");
    // A tap outside a cancelable dialog closes it and reaches nothing else.
    await phone.ok("input tap 540 2300");
    expect(app.saved).toEqual([]);
    expect(await phone.find({ text: "Save" })).toBeDefined();
  });

  it("close on BACK when they can be cancelled", async () => {
    const { app, phone } = await notepad(PIXEL_7);
    await phone.tap({ text: "Ask" });
    await phone.ok("input keyevent 4");
    expect(app.dialogShowing).toBeUndefined();
    expect(phone.phone.frontPackage).toBe(NOTEPAD_PACKAGE);
  });
});

describe("navigation bars", () => {
  it("three-button navigation takes taps on its buttons: Back is a BACK key", async () => {
    const { phone } = await notepad(GALAXY_A);
    // Samsung's order puts Back on the right of the 48 dp bar at the bottom.
    await phone.ok(`input tap ${GALAXY_A.screen.width - 60} ${GALAXY_A.screen.height - 40}`);
    expect(phone.phone.frontPackage).toBeUndefined();
  });

  it("lays apps out between the status bar and the navigation bar's inset", async () => {
    const { phone } = await notepad(GALAXY_A);
    const save = await phone.find({ text: "Save" });
    const [, , , bottom] = (save?.bounds.match(/\d+/g) ?? []).map(Number);
    expect(bottom).toBeLessThanOrEqual(GALAXY_A.screen.height - 96);
  });
});
