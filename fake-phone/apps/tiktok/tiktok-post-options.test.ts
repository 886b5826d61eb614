import { describe, expect, it } from "vitest";
import { type PhoneShell, useHarness } from "../../testing/test-harness.js";
import { TIKTOK_35, TIKTOK_43, TIKTOK_46 } from "./builds.js";
import { shareToEditor, tiktokId, tiktokPhone } from "./tiktok-testing.js";

// The post screen's rows (GEEL-TT v43) and More options with its AI-generated content switch.

const harness = useHarness();
const id = (element: Parameters<typeof tiktokId>[1]) => tiktokId(TIKTOK_43, element);

async function toPostScreen(phone: PhoneShell): Promise<void> {
  await shareToEditor(phone, "clip.mp4");
  await phone.tap({ id: "ntq" });
}

/** The AI-generated content row's switch: the Switch beside the title, not the row. */
async function aiSwitch(phone: PhoneShell) {
  const nodes = await phone.dump();
  const title = nodes.find((node) => node.text === "AI-generated content");
  return nodes.find((node) => node.cls === "android.widget.Switch" && Math.abs(node.centre.y - (title?.centre.y ?? 0)) < 150);
}

describe("the post screen on 43", () => {
  it("has GEEL-TT's rows: each a clickable d0z labelled in w4m, Add link with its trailing space, More options with a subtitle", async () => {
    const { phone } = await tiktokPhone(harness);
    await toPostScreen(phone);
    const nodes = await phone.dump();
    const rows = nodes.filter((node) => node.id === id("postRow"));
    expect(rows.every((row) => row.clickable)).toBe(true);
    expect(rows.map((row) => row.desc)).toEqual(["", "Add link", "Everyone can view this post", expect.stringMatching(/^More options, /)]);
    expect(nodes.filter((node) => node.id === id("postRowLabel")).map((node) => node.text)).toEqual(["Location", "Add link ", "Everyone can view this post", "More options"]);
    expect(nodes.find((node) => node.id.endsWith(":id/j2c") && node.desc === "Add")).toBeDefined();
    const subtitle = nodes.find((node) => node.id.endsWith(":id/uv6"))?.text;
    expect(["Privacy and more settings have been moved here.", "Manage upload quality"]).toContain(subtitle);
    expect(rows[3]?.desc).toBe(`More options, ${subtitle}`);
    expect(nodes.some((node) => node.text === "AI-generated content")).toBe(false);
    expect(nodes.filter((node) => node.id.endsWith(":id/voh")).length).toBeGreaterThan(0);
    expect((await phone.find({ id: "tbp" }))?.text).toBe("Share to");
  });

  it("varies the More options subtitle between accounts", async () => {
    const subtitles = new Set<string>();
    for (const account of ["a", "b"]) {
      const { phone } = await tiktokPhone(harness, { accounts: [account] });
      await toPostScreen(phone);
      subtitles.add((await phone.find({ id: "uv6" }))?.text ?? "");
    }
    expect(subtitles.size).toBe(2);
  });

  it("keeps 35's plain rows, and gives 46 the same rows under unknown ids", async () => {
    const old = await tiktokPhone(harness, { build: TIKTOK_35 });
    await shareToEditor(old.phone, "clip.mp4");
    await old.phone.tap({ id: tiktokId(TIKTOK_35, "editorNext") });
    expect((await old.phone.find({ text: "More options" }))?.clickable).toBe(true);
    expect(await old.phone.find({ text: "Add link " })).toBeUndefined();
    const next = await tiktokPhone(harness, { build: TIKTOK_46 });
    await shareToEditor(next.phone, "clip.mp4");
    await next.phone.tap({ text: "Next" });
    const label = await next.phone.find({ text: "Add link " });
    expect(label?.id).toBe(tiktokId(TIKTOK_46, "postRowLabel"));
    expect(label?.id.endsWith(":id/w4m")).toBe(false);
  });
});

describe("More options", () => {
  it("lists switches as nodes of their own; Allow high-quality uploads among them; Back returns", async () => {
    const { app, phone } = await tiktokPhone(harness);
    await toPostScreen(phone);
    await phone.tap({ text: "More options" });
    expect(app.screenName).toBe("moreOptions");
    const nodes = await phone.dump();
    const switches = nodes.filter((node) => node.cls === "android.widget.Switch");
    expect(switches.length).toBeGreaterThanOrEqual(5);
    expect(switches.every((node) => node.checkable && node.clickable)).toBe(true);
    expect(nodes.map((node) => node.text)).toEqual(expect.arrayContaining(["Allow high-quality uploads", "AI-generated content"]));
    // The row's text is not what toggles: a tap on it does nothing.
    await phone.tap({ text: "AI-generated content" });
    expect((await aiSwitch(phone))?.checked).toBe(false);
    expect(app.dialogShowing).toBeUndefined();
    await phone.tap({ desc: "Back" });
    expect(app.screenName).toBe("post");
    await phone.tap({ text: "More options" });
    await phone.ok("input keyevent 4");
    expect(app.screenName).toBe("post");
  });

  it("asks before turning AI-generated content on: Cancel and BACK leave it off, Turn on labels the post", async () => {
    const { app, phone } = await tiktokPhone(harness);
    await toPostScreen(phone);
    await phone.tap({ text: "More options" });
    const ai = await aiSwitch(phone);
    await phone.ok(`input tap ${ai?.centre.x} ${ai?.centre.y}`);
    const dialog = await phone.dump();
    expect(dialog.map((node) => node.text)).toEqual(expect.arrayContaining(["Label AI-generated content", "Turn on", "Cancel"]));
    await phone.tap({ text: "Cancel" });
    expect((await aiSwitch(phone))?.checked).toBe(false);
    await phone.ok(`input tap ${ai?.centre.x} ${ai?.centre.y}`);
    await phone.ok("input keyevent 4");
    expect(app.dialogShowing).toBeUndefined();
    expect((await aiSwitch(phone))?.checked).toBe(false);
    await phone.ok(`input tap ${ai?.centre.x} ${ai?.centre.y}`);
    await phone.tap({ text: "Turn on" });
    expect((await aiSwitch(phone))?.checked).toBe(true);
    await phone.ok("input keyevent 4");
    await phone.tap({ id: "qrb" });
    expect(app.posts[0]?.aiLabel).toBe(true);
  });

  it("turns it off again without asking; a new post starts with it off", async () => {
    const { app, phone } = await tiktokPhone(harness);
    await toPostScreen(phone);
    await phone.tap({ text: "More options" });
    const ai = await aiSwitch(phone);
    await phone.ok(`input tap ${ai?.centre.x} ${ai?.centre.y}`);
    await phone.tap({ text: "Turn on" });
    await phone.ok(`input tap ${ai?.centre.x} ${ai?.centre.y}`);
    expect(app.dialogShowing).toBeUndefined();
    expect((await aiSwitch(phone))?.checked).toBe(false);
    await phone.ok(`input tap ${ai?.centre.x} ${ai?.centre.y}`);
    await phone.tap({ text: "Turn on" });
    await phone.tap({ desc: "Back" });
    await phone.tap({ id: "qrb" });
    await toPostScreen(phone);
    await phone.tap({ text: "More options" });
    expect((await aiSwitch(phone))?.checked).toBe(false);
    expect(app.posts[0]?.aiLabel).toBe(true);
  });
});
