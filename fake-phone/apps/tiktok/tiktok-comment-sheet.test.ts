import { describe, expect, it } from "vitest";
import { GALAXY_A } from "../../system/device-profile.js";
import { ADB_KEYBOARD, ADB_KEYBOARD_PACKAGE } from "../../system/input-method.js";
import { poll, useHarness } from "../../testing/test-harness.js";
import { SocialWorld } from "../social-world.js";
import { TIKTOK_43 } from "./builds.js";
import { LAUNCH_TIKTOK, pushMedia, tiktokId, tiktokPhone } from "./tiktok-testing.js";

// The comment sheet (GK 2025-12-26 160007): header with U+200E, dpl "Add comment...", the real
// field once tapped (RS: two EditTexts), send only with text (VN-U2 "Post comment"), the image
// picker behind jfd (GUESS), BACK hiding the keyboard before closing the sheet.

const harness = useHarness();
const id = (element: Parameters<typeof tiktokId>[1]) => tiktokId(TIKTOK_43, element);
const ME = "fake_creator";
const FIRST = "7400000000000000001";

describe("TikTok's comment sheet", () => {
  it("opens from dtv as a window of its own: header with U+200E, Close, the rows and the bar, no send button yet", async () => {
    const { app, phone } = await tiktokPhone(harness, { world: new SocialWorld() });
    await phone.ok(LAUNCH_TIKTOK);
    const count = /(\d+) comments$/.exec((await phone.find({ id: "dtv" }))?.desc ?? "")?.[1];
    await phone.tap({ id: "dtv" });
    expect(app.dialogShowing).toBe("Comments");
    const nodes = await phone.dump();
    expect(nodes.find((node) => node.id.endsWith(":id/tmr"))?.text).toBe(`\u200e${count} comments`);
    expect(nodes.find((node) => node.id.endsWith(":id/b9b"))?.desc).toBe("Close");
    expect(nodes.find((node) => node.id.endsWith(":id/dpl"))).toMatchObject({ cls: "android.widget.EditText", text: "Add comment...", focused: false });
    expect(nodes.find((node) => node.id.endsWith(":id/jfd"))?.desc).toBe("@2131888096");
    expect(nodes.filter((node) => node.id.endsWith(":id/e7j")).length).toBeGreaterThan(0);
    expect(nodes.some((node) => node.desc === "Post comment")).toBe(false);
    // The sheet's window is all a dump shows: not the feed's buttons.
    expect(nodes.some((node) => node.id.endsWith(":id/f57"))).toBe(false);
    await phone.tap({ desc: "Close" });
    expect(app.dialogShowing).toBeUndefined();
  });

  it("opens the real field on a tap, focused, with the bar still behind it (both dumped on a Galaxy A), and posts what was typed", async () => {
    const world = new SocialWorld();
    const { phone } = await tiktokPhone(harness, { world, profile: GALAXY_A });
    await phone.ok(LAUNCH_TIKTOK);
    await phone.tap({ id: "dtv" });
    const header = (await phone.find({ id: "tmr" }))?.text;
    await phone.tap({ id: "dpl" });
    expect(await phone.ok("dumpsys input_method")).toContain("mInputShown=true");
    const fields = (await phone.dump()).filter((node) => node.cls === "android.widget.EditText");
    expect(fields.map((field) => [field.id === id("commentInput"), field.focused])).toEqual([
      [true, false],
      [false, true],
    ]);
    await phone.ok("input text 'Great%svideo!'");
    const nodes = await phone.dump();
    expect(nodes.find((node) => node.focused && node.cls === "android.widget.EditText")?.text).toBe("Great video!");
    // The collapsed bar behind does not show the text being typed.
    expect(nodes.find((node) => node.id.endsWith(":id/dpl"))?.text).toBe("Add comment...");
    const send = nodes.find((node) => node.desc === "Post comment");
    expect(send).toMatchObject({ text: "", clickable: true });
    expect(send?.rect.bottom).toBeLessThanOrEqual(1600 - (280 + 48) * 2);
    await phone.tap({ desc: "Post comment" });
    expect(world.comments).toEqual([expect.objectContaining({ account: ME, postId: FIRST, text: "Great video!" })]);
    expect(world.comments[0]?.image).toBeUndefined();
    const after = await phone.dump();
    expect(after.find((node) => node.id.endsWith(":id/e7j"))?.text).toBe("Great video!");
    expect(after.find((node) => node.id.endsWith(":id/title"))?.text).toBe(ME);
    expect(after.find((node) => node.id.endsWith(":id/tmr"))?.text).not.toBe(header);
    expect(after.some((node) => node.desc === "Post comment")).toBe(false);
    expect(after.find((node) => node.id.endsWith(":id/dpl"))?.text).toBe("Add comment...");
  });

  it("leaves the bar out of a Pixel's dump while the keyboard covers it: one EditText, focused", async () => {
    const { phone } = await tiktokPhone(harness, { world: new SocialWorld() });
    await phone.ok(LAUNCH_TIKTOK);
    await phone.tap({ id: "dtv" });
    await phone.tap({ id: "dpl" });
    const fields = (await phone.dump()).filter((node) => node.cls === "android.widget.EditText");
    expect(fields).toHaveLength(1);
    expect(fields[0]).toMatchObject({ id: id("commentField"), focused: true, text: "Add comment..." });
  });

  it("hides the keyboard on the first BACK and closes the sheet on the second, posting nothing", async () => {
    const world = new SocialWorld();
    const { app, phone } = await tiktokPhone(harness, { world });
    await phone.ok(LAUNCH_TIKTOK);
    await phone.tap({ id: "dtv" });
    await phone.tap({ id: "dpl" });
    await phone.ok("input text draft");
    await phone.ok("input keyevent 4");
    expect(await phone.ok("dumpsys input_method")).toContain("mInputShown=false");
    expect(app.dialogShowing).toBe("Comments");
    await phone.ok("input keyevent 4");
    expect(app.dialogShowing).toBeUndefined();
    expect(app.screenName).toBe("home");
    expect(world.comments).toEqual([]);
  });

  it("attaches the newest image through jfd's picker and sends its bytes with the text", async () => {
    const world = new SocialWorld();
    const { phone } = await tiktokPhone(harness, { world });
    await pushMedia(phone, "old.jpg", Buffer.from("old image"));
    await pushMedia(phone, "pick.jpg", Buffer.from("the picked image"));
    // Pushed in the same second they would tie (then the older _id first): date old.jpg back and rescan it.
    await phone.ok("touch -d 2020-01-01T00:00:00 /sdcard/DCIM/Camera/old.jpg");
    await phone.ok("am broadcast -a android.intent.action.MEDIA_SCANNER_SCAN_FILE -d file:///sdcard/DCIM/Camera/old.jpg");
    await poll(async () => (phone.phone.media.newestFirst(["images"])[0]?.path.endsWith("pick.jpg") === true ? true : undefined));
    await phone.ok(LAUNCH_TIKTOK);
    await phone.tap({ id: "dtv" });
    await phone.tap({ id: "jfd" });
    const cells = (await phone.dump()).filter((node) => node.id === id("pickerCell"));
    expect(cells).toHaveLength(2);
    await phone.ok(`input tap ${cells[0]?.centre.x} ${cells[0]?.centre.y}`);
    expect((await phone.dump()).some((node) => node.id === id("commentAttached"))).toBe(true);
    await phone.tap({ id: "dpl" });
    await phone.ok("input text look");
    await phone.tap({ desc: "Post comment" });
    expect(world.comments[0]?.text).toBe("look");
    expect(world.comments[0]?.image?.toString()).toBe("the picked image");
    expect((await phone.dump()).some((node) => node.id === id("commentAttached"))).toBe(false);
  });

  it("takes ADBKeyBoard's broadcast into the real field", async () => {
    const world = new SocialWorld();
    const { phone } = await tiktokPhone(harness, { world, packages: [ADB_KEYBOARD_PACKAGE] });
    await phone.ok(`ime enable ${ADB_KEYBOARD}`);
    await phone.ok(`ime set ${ADB_KEYBOARD}`);
    await phone.ok(LAUNCH_TIKTOK);
    await phone.tap({ id: "dtv" });
    await phone.tap({ id: "dpl" });
    const message = Buffer.from("So good \u{1F525}", "utf8").toString("base64");
    await poll(async () => {
      await phone.ok(`am broadcast -a ADB_INPUT_B64 --es msg ${message}`);
      return (await phone.find({ id: id("commentField") }))?.text.startsWith("So good ") === true ? true : undefined;
    }, 5_000, 100);
    await phone.tap({ desc: "Post comment" });
    expect(world.commentsOn(FIRST).map((comment) => comment.text)).toEqual(["So good \u{1F525}"]);
  });
});
