import { describe, expect, it } from "vitest";
import { poll, useHarness } from "../../testing/test-harness.js";
import { TIKTOK_35, TIKTOK_43 } from "./builds.js";
import { TIKTOK_SOUNDS } from "./tiktok-sounds.js";
import { LAUNCH_TIKTOK, pushMedia, tiktokId, tiktokPhone } from "./tiktok-testing.js";

// The feed's search (TAKT), its Sounds tab, a sound's page and "Use this sound" (IOSFARM, iOS:
// the camera with the sound, then Upload and the gallery).

const harness = useHarness();
const id = (element: Parameters<typeof tiktokId>[1]) => tiktokId(TIKTOK_43, element);

describe("TikTok's search", () => {
  it("opens from the feed's Search icon with the field focused, and searches on the Search button after the load time", async () => {
    const { phone } = await tiktokPhone(harness, { soundLoadMs: 300 });
    await phone.ok(LAUNCH_TIKTOK);
    await phone.tap({ desc: "Search", id: "irz" });
    const field = await phone.find({ id: "giv" });
    expect(field).toMatchObject({ text: "Search", focused: true });
    expect(await phone.ok("dumpsys input_method")).toContain("mInputShown=true");
    expect(await phone.find({ id: "b9c" })).toBeDefined();
    await phone.ok("input text lumen");
    expect((await phone.find({ id: "c87" }))?.desc).toBe("Clear search field");
    await phone.tap({ id: "y61", text: "Search" });
    expect((await phone.dump()).some((node) => node.cls === "android.widget.ProgressBar")).toBe(true);
    await poll(async () => ((await phone.find({ text: "Sounds" })) === undefined ? undefined : true), 3_000, 50);
    const tabs = (await phone.dump()).filter((node) => node.id === id("searchTab"));
    expect(tabs.map((tab) => tab.selected)).toEqual([true, false, false, false, false, false, false]);
    const texts = (await phone.dump()).map((node) => node.text);
    expect(texts).toEqual(expect.arrayContaining(["Top", "Users", "Videos", "Photos", "Shop", "Sounds", "Hashtags"]));
  });

  it("lists on Sounds the sounds whose title or author holds the query, without text, in a RecyclerView; none: No results found", async () => {
    const { app, phone } = await tiktokPhone(harness);
    await phone.ok(LAUNCH_TIKTOK);
    await phone.tap({ desc: "Search" });
    await phone.ok("input text LUMEN");
    await phone.ok("input keyevent 66");
    await phone.tap({ text: "Sounds" });
    const nodes = await phone.dump();
    const rows = nodes.filter((node) => node.id === id("searchSoundRow"));
    // Lumen Drift made two: "Restless - Instrumental" and "Morning Run", in the catalogue's order.
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.clickable && row.naf && row.text === "" && row.desc === "")).toBe(true);
    expect(nodes.find((node) => node.id === id("searchResults"))?.cls).toBe("androidx.recyclerview.widget.RecyclerView");
    await phone.ok(`input tap ${rows[1]?.centre.x} ${rows[1]?.centre.y}`);
    expect((await phone.find({ id: id("soundTitle") }))?.text).toBe("Morning Run");
    expect(app.screenName).toBe("sound");
    await phone.ok("input keyevent 4");
    await phone.tap({ id: "c87" });
    await phone.tap({ id: "giv" });
    await phone.ok("input text zzz");
    await phone.tap({ id: "y61" });
    await phone.tap({ text: "Sounds" });
    expect(await phone.find({ text: "No results found" })).toBeDefined();
  });

  it("goes from a sound's page through Use this sound to the camera with the sound, Upload, the gallery, the editor, and a post with the sound", async () => {
    const { app, phone } = await tiktokPhone(harness);
    await pushMedia(phone, "clip.mp4");
    await phone.ok(LAUNCH_TIKTOK);
    await phone.tap({ desc: "Search" });
    await phone.ok("input text 'coffee%sshop'");
    await phone.tap({ text: "Search", clickable: true });
    await phone.tap({ text: "Sounds" });
    await phone.tap({ id: id("searchSoundRow") });
    await phone.tap({ text: "Add to Favorites" });
    expect(await phone.find({ text: "Added to Favorites" })).toBeDefined();
    await phone.tap({ text: "Use this sound" });
    expect(app.screenName).toBe("camera");
    expect((await phone.find({ id: "ycm" }))?.text).toBe("Coffee Shop Jazz");
    await phone.tap({ text: "Upload" });
    const cells = (await phone.dump()).filter((node) => node.cls === "android.widget.FrameLayout" && node.clickable && node.id === "" && node.desc === "");
    await phone.ok(`input tap ${cells[0]?.centre.x} ${cells[0]?.centre.y}`);
    await phone.tap({ text: "Next" });
    expect(app.screenName).toBe("editor");
    expect((await phone.find({ id: "ycm" }))?.text).toBe("Coffee Shop Jazz");
    await phone.tap({ id: "ntq" });
    await phone.tap({ id: "qrb" });
    expect(app.posts[0]).toMatchObject({ kind: "video", sound: "Coffee Shop Jazz", aiLabel: false });
    expect(app.posts[0]?.volumes).toBeUndefined();
    // Favourited: the sheet's Favorites tab lists it.
    await pushMedia(phone, "next.mp4");
    await phone.tap({ desc: "Create" });
    await phone.tap({ text: "Upload" });
    const next = (await phone.dump()).filter((node) => node.cls === "android.widget.FrameLayout" && node.clickable && node.id === "" && node.desc === "");
    await phone.ok(`input tap ${next[0]?.centre.x} ${next[0]?.centre.y}`);
    await phone.tap({ text: "Next" });
    expect((await phone.find({ id: "ycm" }))?.text).toBe("Add sound");
    await phone.tap({ id: "d8c" });
    await phone.tap({ text: "Favorites" });
    expect((await phone.dump()).filter((node) => node.id === id("sheetRow"))).toHaveLength(1);
  });

  it("works the same on 35, under ids drawn from its seed", async () => {
    const { phone } = await tiktokPhone(harness, { build: TIKTOK_35 });
    await phone.ok(LAUNCH_TIKTOK);
    await phone.tap({ id: "ia6" });
    await phone.ok(`input text ${TIKTOK_SOUNDS[3]?.title.split(" ")[0]}`);
    await phone.ok("input keyevent KEYCODE_ENTER");
    await phone.tap({ text: "Sounds" });
    await phone.tap({ id: tiktokId(TIKTOK_35, "searchSoundRow") });
    expect((await phone.find({ id: tiktokId(TIKTOK_35, "soundTitle") }))?.text).toBe("Epic Legend");
  });
});
