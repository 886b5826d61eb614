import { describe, expect, it } from "vitest";
import { GALAXY_A, PIXEL_7, REDMI_NOTE_ZH } from "../../system/device-profile.js";
import { type DumpNode, type PhoneShell, poll, useHarness } from "../../testing/test-harness.js";
import { TIKTOK_35, TIKTOK_43 } from "./builds.js";
import { TIKTOK_PACKAGE } from "./tiktok-app.js";
import { TIKTOK_SOUNDS } from "./tiktok-sounds.js";
import { shareToEditor, tiktokId, tiktokPhone } from "./tiktok-testing.js";

// The editor's sound pill (GEEL-TT v43) and the sounds sheet it opens (MANHWA 47.0.3).

const harness = useHarness();
const id = (element: Parameters<typeof tiktokId>[1]) => tiktokId(TIKTOK_43, element);
const rowsOf = (nodes: DumpNode[]) => nodes.filter((node) => node.id === id("sheetRow"));

/** MANHWA's pick: the largest scrollable RecyclerView's first row ≥ 100 px without a list inside, tapped at 87 %. */
async function tapCheckOfFirstRow(phone: PhoneShell): Promise<void> {
  const nodes = await phone.dump();
  const rows = rowsOf(nodes).filter((row) => row.rect.bottom - row.rect.top >= 100);
  const row = rows[0];
  if (row === undefined) throw new Error("no row");
  await phone.ok(`input tap ${Math.round(row.rect.left + 0.87 * (row.rect.right - row.rect.left))} ${row.centre.y}`);
}

describe("the editor's sound pill", () => {
  it("reads Add sound on a video, with no X; its parts carry GEEL-TT's ids and descriptions", async () => {
    const { phone } = await tiktokPhone(harness);
    await shareToEditor(phone, "clip.mp4");
    const nodes = await phone.dump();
    expect(nodes.find((node) => node.id.endsWith(":id/d8c"))?.clickable).toBe(true);
    expect(nodes.find((node) => node.id.endsWith(":id/d8a"))).toMatchObject({ desc: "Add sound", clickable: false });
    expect(nodes.find((node) => node.id.endsWith(":id/d88"))?.desc).toBe("Music");
    expect(nodes.find((node) => node.id.endsWith(":id/ycm"))?.text).toBe("Add sound");
    expect(nodes.some((node) => node.id.endsWith(":id/d81"))).toBe(false);
  });

  it("shows the sound TikTok picked by itself for photos; the X beside it (desc @2131888108, Close) removes it", async () => {
    const { app, phone } = await tiktokPhone(harness);
    await shareToEditor(phone, "photo.jpg");
    const title = (await phone.find({ id: "ycm" }))?.text;
    expect(TIKTOK_SOUNDS.map((sound) => sound.title)).toContain(title);
    const remove = await phone.find({ id: "d81" });
    expect(remove).toMatchObject({ desc: "@2131888108", clickable: true });
    expect((await phone.find({ id: "d82" }))?.desc).toBe("Close");
    await phone.tap({ id: "d81" });
    expect((await phone.find({ id: "ycm" }))?.text).toBe("Add sound");
    await phone.tap({ id: "ntq" });
    await phone.tap({ id: "qrb" });
    expect(app.posts[0]?.sound).toBeUndefined();
  });

  it("leaves photos without a sound when autoSoundOnPhotos is off", async () => {
    const { phone } = await tiktokPhone(harness, { autoSoundOnPhotos: false });
    await shareToEditor(phone, "photo.jpg");
    expect((await phone.find({ id: "ycm" }))?.text).toBe("Add sound");
  });
});

describe("the sounds sheet", () => {
  it("is a window over the lower screen: tabs with Recent last, an unlabelled search icon right of it, Volume, and rows without text", async () => {
    const { phone } = await tiktokPhone(harness, { soundLoadMs: 300 });
    await shareToEditor(phone, "clip.mp4");
    await phone.tap({ id: "d8c" });
    const loading = await phone.dump();
    expect(loading[0]?.pkg).toBe(TIKTOK_PACKAGE);
    // The dump is the sheet's window alone: nothing of the editor (its Next) is in it.
    expect(loading.some((node) => node.id === id("editorNext"))).toBe(false);
    expect(loading[0]?.rect.top).toBeGreaterThan(PIXEL_7.screen.height / 3);
    expect(loading.some((node) => node.cls === "android.widget.ProgressBar")).toBe(true);
    await poll(async () => (rowsOf(await phone.dump()).length > 0 ? true : undefined), 3_000, 50);
    const nodes = await phone.dump();
    const tabs = nodes.filter((node) => node.id === id("sheetTab"));
    expect(tabs.map((tab) => tab.text)).toEqual(["For you", "Favorites", "Recent"]);
    const recent = tabs[2];
    const icon = nodes.find((node) => node.id === id("sheetSearchIcon"));
    expect(icon).toMatchObject({ cls: "android.widget.ImageView", clickable: true, naf: true, text: "", desc: "" });
    expect(icon?.rect.left).toBeGreaterThan(recent?.rect.right ?? Infinity);
    expect(icon?.centre.y).toBe(recent?.centre.y);
    expect(await phone.find({ text: "Volume" })).toBeDefined();
    const rows = rowsOf(nodes);
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.every((row) => row.naf && row.text === "" && row.rect.bottom - row.rect.top >= 100)).toBe(true);
    expect(nodes.filter((node) => node.depth > (rows[0]?.depth ?? 0)).every((node) => node.text === "" && node.desc === "")).toBe(true);
    const list = nodes.find((node) => node.id === id("sheetList"));
    expect(list).toMatchObject({ cls: "androidx.recyclerview.widget.RecyclerView", scrollable: true });
  });

  it("plays a preview on a tap at a row's left, uses the sound on its ✓ at 87 %, and stays open until BACK", async () => {
    const { app, phone } = await tiktokPhone(harness, { profile: GALAXY_A });
    await shareToEditor(phone, "clip.mp4");
    await phone.tap({ id: "d8c" });
    const [first] = rowsOf(await phone.dump());
    await phone.ok(`input tap ${(first?.rect.left ?? 0) + 60} ${first?.centre.y}`);
    expect(rowsOf(await phone.dump()).map((row) => row.selected)[0]).toBe(true);
    expect(app.events).toContain(`sound preview: ${TIKTOK_SOUNDS[0]?.title}`);
    await tapCheckOfFirstRow(phone);
    expect(app.dialogShowing).toBe("Sounds");
    await phone.ok("input keyevent 4");
    expect(app.dialogShowing).toBeUndefined();
    expect((await phone.find({ id: "ycm" }))?.text).toBe(TIKTOK_SOUNDS[0]?.title);
    await phone.tap({ id: "d8c" });
    await phone.tap({ text: "Recent" });
    expect(rowsOf(await phone.dump())).toHaveLength(1);
  });

  it("scrolls its list by the finger's travel: rows scrolled out are not in the dump, and it stops at the end", async () => {
    const { phone } = await tiktokPhone(harness, { profile: GALAXY_A });
    await shareToEditor(phone, "clip.mp4");
    await phone.tap({ id: "d8c" });
    const before = rowsOf(await phone.dump());
    const height = (before[0]?.rect.bottom ?? 0) - (before[0]?.rect.top ?? 0);
    // 2 rows and the 8 dp touch slop (16 px at 2.0) up.
    const y = before[2]?.centre.y ?? 0;
    await phone.ok(`input swipe 360 ${y} 360 ${y - 2 * height - 16} 400`);
    const after = rowsOf(await phone.dump());
    expect(after[0]?.rect.top).toBe(before[0]?.rect.top);
    expect(after.length).toBeLessThanOrEqual(before.length);
    // The third row is now first, where the first was.
    expect(after[0]?.bounds).toBe(before[0]?.bounds);
    expect(phone.phone.events.at(-1)).toContain("scrolled");
    for (let i = 0; i < 3; i++) await phone.ok("input swipe 360 1400 360 800 300");
    const end = rowsOf(await phone.dump());
    const list = await phone.find({ id: id("sheetList") });
    expect(end.at(-1)?.rect.bottom).toBe(list?.rect.bottom);
    for (let i = 0; i < 3; i++) await phone.ok("input swipe 360 900 360 1500 300");
    expect(rowsOf(await phone.dump())[0]?.bounds).toBe(before[0]?.bounds);
  });

  it("searches from the unlabelled icon: the field has focus and the keyboard, results come after a row of related videos", async () => {
    const { app, phone } = await tiktokPhone(harness, { soundLoadMs: 200 });
    await shareToEditor(phone, "clip.mp4");
    await phone.tap({ id: "d8c" });
    await poll(async () => (rowsOf(await phone.dump()).length > 0 ? true : undefined), 3_000, 50);
    await phone.tap({ id: id("sheetSearchIcon") });
    const field = (await phone.dump()).find((node) => node.cls === "android.widget.EditText");
    expect(field).toMatchObject({ text: "Search", focused: true });
    await phone.ok("input text night");
    await phone.tap({ text: "Search", clickable: true });
    await poll(async () => ((await phone.find({ id: id("sheetRelated") })) === undefined ? undefined : true), 3_000, 50);
    const nodes = await phone.dump();
    const list = nodes.find((node) => node.id === id("sheetList"));
    const children = nodes.filter((node) => node.depth === (list?.depth ?? 0) + 1);
    expect(children.map((child) => child.id)).toEqual([id("sheetRelated"), id("sheetRow")]);
    const related = nodes.filter((node) => node.id === id("sheetRelatedList"));
    expect(related).toHaveLength(1);
    expect(related[0]?.cls).toBe("androidx.recyclerview.widget.RecyclerView");
    expect(children[0]?.rect.bottom ?? 0).toBeGreaterThan((children[0]?.rect.top ?? 0) + 100);
    await tapCheckOfFirstRow(phone);
    expect(app.events).toContain("sound used: Late Night Drive (editor)");
    // BACK: out of the search, then the sheet closes; the editor's Next shows again.
    await phone.ok("input keyevent 4");
    expect(app.dialogShowing).toBe("Sounds");
    await phone.ok("input keyevent 4");
    expect(await phone.find({ id: "ntq" })).toBeDefined();
    expect((await phone.find({ id: "ycm" }))?.text).toBe("Late Night Drive");
  });

  it("needs three BACKs with the keyboard up: the keyboard, the search, the sheet", async () => {
    const { app, phone } = await tiktokPhone(harness);
    await shareToEditor(phone, "clip.mp4");
    await phone.tap({ id: "d8c" });
    await phone.tap({ id: id("sheetSearchIcon") });
    expect(await phone.ok("dumpsys input_method")).toContain("mInputShown=true");
    await phone.ok("input keyevent 4");
    expect(await phone.ok("dumpsys input_method")).toContain("mInputShown=false");
    expect((await phone.dump()).some((node) => node.cls === "android.widget.EditText")).toBe(true);
    await phone.ok("input keyevent 4");
    expect(await phone.find({ text: "Recent" })).toBeDefined();
    await phone.ok("input keyevent 4");
    expect(app.dialogShowing).toBeUndefined();
    expect(app.screenName).toBe("editor");
  });

  it("lists an account's favourites newest first, and says No results found for a search that finds none", async () => {
    const [a, b] = TIKTOK_SOUNDS;
    const { app, phone } = await tiktokPhone(harness, { favorites: [b?.id ?? "", a?.id ?? ""] });
    await shareToEditor(phone, "clip.mp4");
    await phone.tap({ id: "d8c" });
    await phone.tap({ text: "Favorites" });
    await tapCheckOfFirstRow(phone);
    expect(app.events).toContain(`sound used: ${b?.title} (editor)`);
    await phone.tap({ id: id("sheetSearchIcon") });
    await phone.ok("input text qqqq");
    await phone.ok("input keyevent KEYCODE_ENTER");
    expect(await phone.find({ text: "No results found" })).toBeDefined();
  });

  it("opens from the camera's pill too (no Volume there): the sound picked goes on with the media to the editor", async () => {
    const { app, phone } = await tiktokPhone(harness);
    await shareToEditor(phone, "clip.mp4");
    await phone.ok("input keyevent 4");
    await phone.tap({ desc: "Create" });
    const pill = await phone.find({ id: "d8c" });
    expect(pill?.cls).toBe("android.widget.Button");
    expect((await phone.find({ id: "d87" }))?.cls).toBe("android.widget.FrameLayout");
    await phone.tap({ id: "d8c" });
    expect(await phone.find({ text: "Volume" })).toBeUndefined();
    await tapCheckOfFirstRow(phone);
    await phone.ok("input keyevent 4");
    expect((await phone.find({ id: "ycm" }))?.text).toBe(TIKTOK_SOUNDS[0]?.title);
    await phone.tap({ text: "Upload" });
    const cells = (await phone.dump()).filter((node) => node.cls === "android.widget.FrameLayout" && node.clickable && node.id === "" && node.desc === "");
    await phone.ok(`input tap ${cells[0]?.centre.x} ${cells[0]?.centre.y}`);
    await phone.tap({ text: "Next" });
    expect(app.screenName).toBe("editor");
    expect((await phone.find({ id: "ycm" }))?.text).toBe(TIKTOK_SOUNDS[0]?.title);
  });

  it("speaks Chinese on a Chinese phone, its ids and layout unchanged", async () => {
    const { phone } = await tiktokPhone(harness, { profile: REDMI_NOTE_ZH });
    await shareToEditor(phone, "clip.mp4");
    expect((await phone.find({ id: "ycm" }))?.text).toBe("添加声音");
    await phone.tap({ id: "d8c" });
    expect((await phone.dump()).filter((node) => node.id === id("sheetTab")).map((node) => node.text)).toEqual(["推荐", "收藏", "最近"]);
    await phone.tap({ text: "音量" });
    expect((await phone.dump()).filter((node) => node.id === id("volumeLabel")).map((node) => node.text)).toEqual(["原声", "添加的声音"]);
  });

  it("comes with the pill on 35 too, under seeded ids", async () => {
    const { phone } = await tiktokPhone(harness, { build: TIKTOK_35 });
    await shareToEditor(phone, "clip.mp4");
    expect((await phone.find({ id: "x51" }))?.text).toBe("Add sound");
    await phone.tap({ id: tiktokId(TIKTOK_35, "soundPill") });
    expect(await phone.find({ text: "Recent" })).toBeDefined();
  });
});
