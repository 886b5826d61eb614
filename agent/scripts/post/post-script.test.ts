import { describe, expect, test } from "vitest";
import { type AppModel, InstagramApp, TikTokApp, TIKTOK_43 } from "../../../fake-phone";
import { poll } from "../../../fake-phone/testing";
import { ADB_KEYBOARD } from "../engine/text-entry";
import { logText, usePostRig } from "./post-script.testkit";

/**
 * The post script end to end on the phone side: adbkit → the real adb server → a fake phone
 * whose TikTok and Instagram models record what was posted. Every success is checked on the
 * phone: the exact bytes the app read, the exact caption, and nothing left in the gallery.
 * The tests run at the same time, each on its own phone with its own files, as a rack's do.
 */
const rig = usePostRig();

async function phoneWith(apps: AppModel[], packages?: string[]) {
  if (packages === undefined) return rig.phone(apps);
  const shell = await rig.harness.phone({ apps, packages, scanDelayMs: 100 });
  return shell.phone;
}

describe.concurrent("after a post", () => {
  test("the pushed files are gone from the phone and its gallery, the keyboard is the phone's own again, and there are screenshots", async () => {
    const instagram = new InstagramApp({ uploadMs: 300 });
    const phone = await phoneWith([instagram]);
    const video = await rig.material("clean.mp4");
    const posting = await rig.run(phone, { platform: "instagram", config: { material_list: [video.path], captions: "Grüße ☀️" } });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    expect(phone.commands.filter((c) => c.startsWith("ime set")).map((c) => c.includes(ADB_KEYBOARD.ime))).toEqual([true, false]);
    expect(phone.imes.current).toBe(phone.profile.keyboard.id);
    expect(phone.files.paths().filter((path) => path.includes("tikmatrix-"))).toEqual([]);
    // The rescan after the delete lands asynchronously, as on a real phone.
    await poll(async () => (phone.media.rows().some((row) => row.path.includes("tikmatrix-")) ? undefined : true), 3_000);
    expect(posting.screenshots.length).toBeGreaterThanOrEqual(2);
  });
});

describe.concurrent("a material from the library", () => {
  test("is posted from the agent's cached copy with the exact bytes, and its caption stands in for the config's", async () => {
    const tiktok = new TikTokApp({ uploadMs: 300 });
    const phone = await phoneWith([tiktok]);
    const { material, data } = await rig.libraryMaterial(31, ".mp4", "From the {library|shelf}");
    const posting = await rig.run(phone, { platform: "tiktok", config: { captions: "the task's caption" }, library: [material] });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    const [post] = tiktok.posts;
    expect(post?.media.map((m) => m.data.equals(data))).toEqual([true]);
    // One spintax template, as a folder's caption.txt.
    expect(post?.caption).toMatch(/^From the (library|shelf)$/);
    expect(logText(posting)).toContain("with lib:31");
  });
});

describe.concurrent("confirming the post", () => {
  test("TikTok with a full profile grid: the newest post is opened and its caption read", async () => {
    const tiktok = new TikTokApp({ uploadMs: 300, existingPosts: 12 });
    const phone = await phoneWith([tiktok]);
    const video = await rig.material("full.mp4");
    const posting = await rig.run(phone, { platform: "tiktok", config: { material_list: [video.path], captions: "a caption long enough to be cut on the post's own screen, which shows only its start and then more" } });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true, remark: "posted (confirmed on the profile)" });
    expect(logText(posting)).toMatch(/on the profile with its caption/);
  });

  test("1006: the profile shows no new post after the upload", async () => {
    // The upload ends, yet nothing reaches the profile (the app's own failure left no trace).
    const tiktok = new TikTokApp({ uploadMs: 300, uploadFails: true, hidden: [TIKTOK_43.ids.uploadFailed, "Retry"] });
    const phone = await phoneWith([tiktok]);
    const video = await rig.material("lost.mp4");
    const posting = await rig.run(phone, { platform: "tiktok", config: { material_list: [video.path], captions: "lost" } });
    expect(posting.outcome).toMatchObject({ ok: false, failCode: 1006, posted: true });
    expect(posting.outcome.remark).toMatch(/could not be confirmed/);
  });
});

describe.concurrent("the task's account", () => {
  test("TikTok: switched to when another is logged in", async () => {
    const tiktok = new TikTokApp({ uploadMs: 300, accounts: ["studio_main", "studio_two"] });
    const phone = await phoneWith([tiktok]);
    const video = await rig.material("acct.mp4");
    const posting = await rig.run(phone, { platform: "tiktok", username: "@Studio_Two", config: { material_list: [video.path], captions: "hi" } });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    expect(tiktok.posts.map((post) => post.account)).toEqual(["studio_two"]);
    expect(logText(posting)).toMatch(/switched to @studio_two/);
  });

  test("Instagram: switched to through the account sheet", async () => {
    const instagram = new InstagramApp({ uploadMs: 300, accounts: ["ig_one", "ig_two"] });
    const phone = await phoneWith([instagram]);
    const video = await rig.material("ig-acct.mp4");
    const posting = await rig.run(phone, { platform: "instagram", username: "ig_two", config: { material_list: [video.path], captions: "hello" } });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    expect(instagram.posts.map((post) => post.account)).toEqual(["ig_two"]);
  });

  test("1005: an account that is not logged in on the phone, named with the one that is", async () => {
    const tiktok = new TikTokApp({ accounts: ["studio_main"] });
    const phone = await phoneWith([tiktok]);
    const video = await rig.material("noacct.mp4");
    const posting = await rig.run(phone, { platform: "tiktok", username: "someone_else", config: { material_list: [video.path] } });
    expect(posting.outcome).toMatchObject({ ok: false, failCode: 1005, posted: false });
    expect(posting.outcome.remark).toMatch(/@someone_else is not logged in on this phone \(the app shows @studio_main\)/);
    expect(tiktok.posts).toEqual([]);
  });
});

describe.concurrent("posting fails with the code that says why", () => {
  test("1003: the app is not installed", async () => {
    const phone = await phoneWith([new TikTokApp()]);
    const video = await rig.material("none.mp4");
    const posting = await rig.run(phone, { platform: "instagram", config: { material_list: [video.path] } });
    expect(posting.outcome).toMatchObject({ ok: false, failCode: 1003, posted: false });
    expect(posting.outcome.remark).toMatch(/Instagram is not installed.*com\.instagram\.android/);
  });

  test("1003: a non-ASCII caption without ADBKeyBoard, before anything is pushed", async () => {
    const phone = await phoneWith([new TikTokApp()], []);
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
    const tiktok = new TikTokApp({ hidden: [TIKTOK_43.ids.postButton, "Post"] });
    const phone = await phoneWith([tiktok]);
    const video = await rig.material("nopost.mp4");
    const posting = await rig.run(phone, { platform: "tiktok", config: { material_list: [video.path], captions: "x" } });
    expect(posting.outcome).toMatchObject({ ok: false, failCode: 1005, posted: false });
    expect(posting.outcome.remark).toMatch(/"Post" did not appear within 3 s/);
    const dump = posting.logs.filter((line) => line.message.startsWith("ui dump")).map((line) => line.message).join("");
    expect(dump).toContain("<hierarchy");
    expect(dump).toContain(TIKTOK_43.ids.postDescription);
    expect(tiktok.posts).toHaveLength(0);
    expect(phone.files.paths().filter((path) => path.includes("tikmatrix-"))).toEqual([]);
    expect(posting.screenshots.length).toBeGreaterThanOrEqual(1);
  });

  test("1006: the app says the upload failed, and nothing is on the profile", async () => {
    const tiktok = new TikTokApp({ uploadMs: 200, uploadFails: true });
    const phone = await phoneWith([tiktok]);
    const video = await rig.material("fails.mp4");
    const posting = await rig.run(phone, { platform: "tiktok", config: { material_list: [video.path], captions: "x" } });
    expect(posting.outcome).toMatchObject({ ok: false, failCode: 1006 });
    expect(posting.outcome.remark).toMatch(/the app says the post did not go out/);
    expect(tiktok.profilePosts()).toEqual([]);
  });

  test("1006: the upload never finishes within upload_wait_time", async () => {
    const tiktok = new TikTokApp({ uploadNeverFinishes: true });
    const phone = await phoneWith([tiktok]);
    const video = await rig.material("slow.mp4");
    const started = Date.now();
    const posting = await rig.run(phone, { platform: "tiktok", config: { material_list: [video.path], upload_wait_time: 2 } });
    expect(posting.outcome).toMatchObject({ ok: false, failCode: 1006, posted: true });
    expect(posting.outcome.remark).toMatch(/within upload_wait_time \(2 s\) \(still showing "\d+%"\)/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    expect(tiktok.posts).toHaveLength(1);
  });

  test("1007: a stop in the middle ends the run at once, and the pushed file is removed", async () => {
    const tiktok = new TikTokApp({ hidden: [TIKTOK_43.ids.editorNext, "Next"] });
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

describe.concurrent("the phone leaves mid-run", () => {
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
