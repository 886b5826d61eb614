import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { InstagramApp, TikTokApp } from "../../../fake-phone";
import { poll } from "../../../fake-phone/testing";
import { ADB_KEYBOARD } from "./text-entry";
import { logText, PostRig } from "./post-script.testkit";

/**
 * The post script end to end on the phone side: adbkit → the real adb server → a fake phone
 * whose TikTok and Instagram models record what was posted. Every success is checked on the
 * phone: the exact bytes the app read, the exact caption, and nothing left in the gallery.
 */
let rig: PostRig;

beforeAll(async () => {
  rig = await PostRig.start();
}, 60_000);

afterAll(async () => {
  await rig?.stop();
}, 30_000);

async function phoneWith(apps: Array<TikTokApp | InstagramApp>, packages: string[] = []) {
  const shell = await rig.harness.phone({ apps, packages, scanDelayMs: 100 });
  return shell.phone;
}

describe("posting succeeds", () => {
  test("a TikTok video by share, with the title, a spun caption and line breaks", async () => {
    const tiktok = new TikTokApp({ uploadMs: 300 });
    const phone = await phoneWith([tiktok]);
    const video = await rig.material("clip.mp4", 300 * 1024);
    const posting = await rig.run(phone, {
      platform: "tiktok",
      config: { material_list: [video.path], captions: "My day##{Great|Great} run###second line #fyp" },
    });
    expect(posting.outcome, logText(posting)).toEqual({ ok: true, failCode: null, remark: "posted", posted: true });
    expect(tiktok.posts).toHaveLength(1);
    const [post] = tiktok.posts;
    expect(post).toMatchObject({ kind: "video", title: "My day", caption: "Great run\nsecond line #fyp", account: "fake_creator" });
    expect(post?.media.map((m) => m.data.equals(video.data))).toEqual([true]);
    expect(posting.screenshots.length).toBeGreaterThanOrEqual(2);
    expect(phone.files.paths().filter((path) => path.includes("tikmatrix-"))).toEqual([]);
    // The rescan after the delete lands asynchronously, as on a real phone.
    await poll(async () => (phone.media.rows().some((row) => row.path.includes("tikmatrix-")) ? undefined : true), 3_000);
  });

  test("TikTok images through its own gallery, in the task's order", async () => {
    const tiktok = new TikTokApp({ uploadMs: 300 });
    const phone = await phoneWith([tiktok]);
    const images = [await rig.material("a.jpg"), await rig.material("b.png"), await rig.material("c.webp")];
    const posting = await rig.run(phone, {
      platform: "tiktok",
      config: { content_type: 1, image_count: 3, material_list: images.map((i) => i.path), post_way: "share", captions: "three" },
    });
    expect(posting.outcome.ok, logText(posting)).toBe(true);
    const [post] = tiktok.posts;
    expect(post).toMatchObject({ kind: "images", caption: "three" });
    expect(post?.media.map((m) => images.findIndex((i) => i.data.equals(m.data)))).toEqual([0, 1, 2]);
  });

  test("an Instagram reel with a non-ASCII caption typed through ADBKeyBoard, which is switched back after", async () => {
    const instagram = new InstagramApp({ uploadMs: 300 });
    const phone = await phoneWith([instagram], [ADB_KEYBOARD.package]);
    const video = await rig.material("reel.mp4");
    const caption = "Café au lait ☕ 你好 ##notatitle";
    const posting = await rig.run(phone, { platform: "instagram", config: { material_list: [video.path], captions: caption } });
    expect(posting.outcome.ok, logText(posting)).toBe(true);
    expect(instagram.posts[0]).toMatchObject({ kind: "video", placement: "reel", caption, title: "" });
    expect(instagram.posts[0]?.media[0]?.data.equals(video.data)).toBe(true);
    expect(phone.commands.at(-1) ?? "").not.toContain("ADB_INPUT");
    expect(phone.commands.filter((c) => c.startsWith("ime set")).at(-1)).toMatch(/LatinIME/);
  });

  test("Instagram images to the feed through its gallery, and a story by share", async () => {
    const instagram = new InstagramApp({ uploadMs: 300 });
    const phone = await phoneWith([instagram]);
    const images = [await rig.material("x.jpg"), await rig.material("y.jpg")];
    const feed = await rig.run(phone, {
      platform: "instagram",
      config: { content_type: 1, image_count: 2, material_list: images.map((i) => i.path), post_way: "addButton", captions: "two" },
    });
    expect(feed.outcome.ok, logText(feed)).toBe(true);
    expect(instagram.posts[0]).toMatchObject({ kind: "images", placement: "feed", caption: "two" });
    expect(instagram.posts[0]?.media.map((m) => images.findIndex((i) => i.data.equals(m.data)))).toEqual([0, 1]);

    const story = await rig.run(phone, { platform: "instagram", config: { material_list: [images[0]!.path], content_type: 1, placement: "story" } });
    expect(story.outcome.ok, logText(story)).toBe(true);
    expect(instagram.posts[1]).toMatchObject({ placement: "story" });
    expect(instagram.posts[1]?.media[0]?.data.equals(images[0]!.data)).toBe(true);
  });

  test("the task's account: switched to when another is logged in, and pop-ups tapped away", async () => {
    const tiktok = new TikTokApp({ uploadMs: 300, accounts: ["studio_main", "studio_two"], popupOnLaunch: true });
    const phone = await phoneWith([tiktok]);
    const video = await rig.material("acct.mp4");
    const posting = await rig.run(phone, { platform: "tiktok", username: "@Studio_Two", config: { material_list: [video.path], captions: "hi" } });
    expect(posting.outcome.ok, logText(posting)).toBe(true);
    expect(tiktok.posts[0]?.account).toBe("studio_two");
    expect(logText(posting)).toMatch(/switched to @studio_two/);
    expect(logText(posting)).toMatch(/dismissed a pop-up \(Not now\)/);
  });
});

describe("posting fails with the code that says why", () => {
  test("1003: the app is not installed", async () => {
    const phone = await phoneWith([new TikTokApp()]);
    const video = await rig.material("none.mp4");
    const posting = await rig.run(phone, { platform: "instagram", config: { material_list: [video.path] } });
    expect(posting.outcome).toMatchObject({ ok: false, failCode: 1003, posted: false });
    expect(posting.outcome.remark).toMatch(/Instagram is not installed.*com\.instagram\.android/);
  });

  test("1003: a non-ASCII caption without ADBKeyBoard, before anything is pushed", async () => {
    const phone = await phoneWith([new TikTokApp()]);
    const video = await rig.material("emoji.mp4");
    const posting = await rig.run(phone, { platform: "tiktok", config: { material_list: [video.path], captions: "🔥" } });
    expect(posting.outcome).toMatchObject({ ok: false, failCode: 1003 });
    expect(posting.outcome.remark).toMatch(/ADBKeyBoard \(com\.android\.adbkeyboard\)/);
    expect(phone.commands.some((c) => c.includes("MEDIA_SCANNER"))).toBe(false);
  });

  test("1004: a material that is not there", async () => {
    const phone = await phoneWith([new TikTokApp()]);
    const posting = await rig.run(phone, { platform: "tiktok", config: { material_list: [`${rig.dir}/missing.mp4`] } });
    expect(posting.outcome).toMatchObject({ ok: false, failCode: 1004 });
    expect(posting.outcome.remark).toContain("missing.mp4");
  });

  test("1005: an element that never appears, with the last UI dump in the log and nothing left on the phone", async () => {
    const tiktok = new TikTokApp({ hidden: ["post_button", "Post"] });
    const phone = await phoneWith([tiktok]);
    const video = await rig.material("nopost.mp4");
    const posting = await rig.run(phone, { platform: "tiktok", config: { material_list: [video.path], captions: "x" } });
    expect(posting.outcome).toMatchObject({ ok: false, failCode: 1005, posted: false });
    expect(posting.outcome.remark).toMatch(/"Post" did not appear within 3 s/);
    const dump = posting.logs.filter((line) => line.message.startsWith("ui dump")).map((line) => line.message).join("");
    expect(dump).toContain("<hierarchy");
    expect(dump).toContain("caption_input");
    expect(tiktok.posts).toHaveLength(0);
    expect(phone.files.paths().filter((path) => path.includes("tikmatrix-"))).toEqual([]);
    expect(posting.screenshots.length).toBeGreaterThanOrEqual(1);
  });

  test("1006: the upload never finishes within upload_wait_time", async () => {
    const tiktok = new TikTokApp({ uploadNeverFinishes: true });
    const phone = await phoneWith([tiktok]);
    const video = await rig.material("slow.mp4");
    const started = Date.now();
    const posting = await rig.run(phone, { platform: "tiktok", config: { material_list: [video.path], upload_wait_time: 2 } });
    expect(posting.outcome).toMatchObject({ ok: false, failCode: 1006, posted: true });
    expect(posting.outcome.remark).toMatch(/within upload_wait_time \(2 s\).*Posting/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    expect(tiktok.posts).toHaveLength(1);
  });

  test("1007: a stop in the middle ends the run at once, and the pushed file is removed", async () => {
    const tiktok = new TikTokApp({ hidden: ["editor_next", "Next"] });
    const phone = await phoneWith([tiktok]);
    const video = await rig.material("stop.mp4");
    const stop = new AbortController();
    let stoppedAt = 0;
    const posting = await rig.run(phone, { platform: "tiktok", config: { material_list: [video.path] }, stop: stop.signal }, (step) => {
      if (step === "editor Next") {
        stoppedAt = Date.now();
        stop.abort();
      }
    });
    expect(posting.outcome).toMatchObject({ ok: false, failCode: 1007, posted: false });
    expect(Date.now() - stoppedAt).toBeLessThan(2_000);
    expect(phone.files.paths().filter((path) => path.includes("tikmatrix-"))).toEqual([]);
  });
});

describe("the phone leaves mid-run", () => {
  test("1001: unplugged while the upload runs, the run ends device offline and says it may have posted", async () => {
    const tiktok = new TikTokApp({ uploadNeverFinishes: true });
    const phone = await phoneWith([tiktok]);
    const video = await rig.material("unplug.mp4");
    const posting = await rig.run(phone, { platform: "tiktok", config: { material_list: [video.path], upload_wait_time: 60 } }, (step) => {
      // `adb disconnect` removes the phone from the adb server at once, like pulling the cable.
      if (step === "upload") void rig.harness.adb.run(["disconnect", phone.serial]);
    });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: false, failCode: 1001, posted: true });
    expect(posting.outcome.remark).toMatch(/not found|offline/);
    expect(tiktok.posts).toHaveLength(1);
  });
});
