import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { photoPermissions } from "../../system/permissions.js";
import type { MediaTable } from "../../system/media-store.js";
import { type PhoneShell, poll, useHarness } from "../../testing/test-harness.js";
import { INSTAGRAM_263 } from "./builds.js";
import { INSTAGRAM_FEED_SHARE, INSTAGRAM_PACKAGE, INSTAGRAM_REEL_SHARE, INSTAGRAM_STORY_SHARE, InstagramApp, type InstagramOptions } from "./instagram-app.js";

const LAUNCH = `monkey -p ${INSTAGRAM_PACKAGE} -c android.intent.category.LAUNCHER 1`;

const harness = useHarness();

async function instagram(options: InstagramOptions = {}): Promise<{ app: InstagramApp; phone: PhoneShell }> {
  const app = new InstagramApp({ asksNotifications: false, ...options });
  const phone = await harness.phone({ apps: [app], scanDelayMs: 20 });
  for (const permission of photoPermissions(phone.phone.profile.sdk)) await phone.ok(`pm grant ${INSTAGRAM_PACKAGE} ${permission}`);
  return { app, phone };
}

async function pushAndIndex(phone: PhoneShell, data: Buffer, name: string): Promise<string> {
  const table: MediaTable = name.endsWith(".mp4") ? "video" : "images";
  await phone.push(data, `/sdcard/DCIM/Camera/${name}`);
  return `content://media/external/${table}/media/${await phone.index(`/sdcard/DCIM/Camera/${name}`, table)}`;
}

async function share(phone: PhoneShell, uri: string, mime: string, activity: string): Promise<string> {
  return phone.ok(`am start -W -a android.intent.action.SEND -t ${mime} --eu android.intent.extra.STREAM ${uri} --grant-read-uri-permission -n ${INSTAGRAM_PACKAGE}/${activity}`);
}

describe("Instagram's share handlers", () => {
  it("drop the media when Instagram was not running (fbsamples/share_to_reels_android#12)", async () => {
    const { app, phone } = await instagram();
    const uri = await pushAndIndex(phone, randomBytes(100), "cold.mp4");
    expect(await share(phone, uri, "video/mp4", INSTAGRAM_REEL_SHARE)).toContain("Status: ok");
    expect(app.screenName).toBe("feed");
    expect(app.events).toContain("share dropped: Instagram was not running");
  });

  it("post a shared video as a reel: reuse sheet, full-screen caption closed by OK, Share, then Done posting", async () => {
    const { app, phone } = await instagram({ uploadMs: 300 });
    const video = randomBytes(4096);
    const uri = await pushAndIndex(phone, video, "reel.mp4");
    await phone.ok(LAUNCH);
    await share(phone, uri, "video/mp4", INSTAGRAM_REEL_SHARE);
    await phone.tap({ id: "clips_right_action_button" });
    expect(app.dialogShowing).toBe("New ways to reuse");
    await phone.tap({ desc: "OK" });
    await phone.tap({ text: "Write a caption and add hashtags…" });
    expect(await phone.find({ desc: "Share" })).toBeUndefined();
    await phone.ok("input text 'reel%scaption'");
    await phone.tap({ id: "action_bar_button_text" });
    await phone.tap({ desc: "Share" });
    expect(app.posts).toEqual([expect.objectContaining({ kind: "video", placement: "reel", caption: "reel caption" })]);
    expect(app.posts[0]?.media[0]?.data.equals(video)).toBe(true);
    expect((await phone.find({ id: "status_text" }))?.text).toBe("Sharing to Reels…");
    await poll(async () => ((await phone.find({ id: "status_text" }))?.text === "Done posting. Want to send it directly to friends?" ? true : undefined), 3_000, 50);
  });

  it("post a shared photo to the feed through the filter screen, and show Posted! in the pending row", async () => {
    const { app, phone } = await instagram({ uploadMs: 200 });
    const uri = await pushAndIndex(phone, randomBytes(100), "photo.jpg");
    await phone.ok(LAUNCH);
    await share(phone, uri, "image/jpeg", INSTAGRAM_FEED_SHARE);
    await phone.tap({ id: "creation_next_button" });
    await phone.tap({ text: "Write a caption…" });
    await phone.ok("input text 'feed'");
    await phone.ok("input keyevent 4");
    await phone.tap({ id: "share_footer_button" });
    expect(app.posts[0]).toMatchObject({ kind: "images", placement: "feed", caption: "feed" });
    await poll(async () => ((await phone.find({ id: "row_pending_media_status_textview" }))?.text === "Posted! Nicely done." ? true : undefined), 3_000, 50);
  });

  it("open a shared item in the story editor, whose buttons have no ids", async () => {
    const { app, phone } = await instagram();
    const uri = await pushAndIndex(phone, randomBytes(100), "story.jpg");
    await phone.ok(LAUNCH);
    await share(phone, uri, "image/jpeg", INSTAGRAM_STORY_SHARE);
    const yourStory = await phone.find({ desc: "Your story" });
    expect(yourStory?.id).toBe("");
    await phone.tap({ desc: "Your story" });
    expect(app.posts[0]).toMatchObject({ placement: "story", kind: "images" });
  });
});

describe("Instagram's gallery", () => {
  it("in the 2025 build lives behind the profile's Create New, and keeps the preselected newest item as number 1 in multi-select", async () => {
    const { app, phone } = await instagram();
    // Dated a minute apart: pushed in the same second they would tie, and the tie falls the other way.
    const now = Math.floor(Date.now() / 1000);
    await phone.push(randomBytes(10), "/sdcard/DCIM/Camera/one.jpg");
    await phone.ok(`touch -d @${now - 60} /sdcard/DCIM/Camera/one.jpg`);
    await phone.index("/sdcard/DCIM/Camera/one.jpg", "images");
    await pushAndIndex(phone, randomBytes(10), "two.jpg");
    await phone.ok(LAUNCH);
    expect(await phone.find({ desc: "Create" })).toBeUndefined();
    await phone.tap({ desc: "Profile" });
    await phone.tap({ desc: "Create New" });
    await phone.tap({ desc: "Create new post" });
    await phone.tap({ desc: "Select multiple button" });
    const thumbnails = (await phone.dump()).filter((node) => node.id.endsWith(":id/gallery_grid_item_thumbnail"));
    expect(thumbnails.map((node) => node.desc.replace(/ created on .*/, ""))).toEqual(["Selected media number 1 Photo thumbnail", "Unselected Photo thumbnail"]);
    await phone.ok(`input tap ${thumbnails[0]?.centre.x} ${thumbnails[0]?.centre.y}`);
    await phone.ok(`input tap ${thumbnails[1]?.centre.x} ${thumbnails[1]?.centre.y}`);
    await phone.tap({ id: "next_button_textview" });
    await phone.tap({ id: "creation_next_button" });
    await phone.tap({ id: "share_footer_button" });
    // Tapping both "to pick them" unpicked the preselected newest one.
    expect(app.posts[0]?.media.map((m) => m.path.replace(/^.*\//, ""))).toEqual(["one.jpg"]);
  });

  it("in the 263 build is the Create tab, with the older ids", async () => {
    const { app, phone } = await instagram({ build: INSTAGRAM_263 });
    await pushAndIndex(phone, randomBytes(10), "old.mp4");
    await phone.ok(LAUNCH);
    await phone.tap({ desc: "Create" });
    await phone.tap({ id: "next_button_imageview" });
    await phone.tap({ id: "next_button_imageview" });
    await phone.tap({ text: "Write a caption…" });
    await phone.ok("input text old");
    await phone.ok("input keyevent 4");
    await phone.tap({ desc: "Share" });
    expect(app.posts[0]).toMatchObject({ kind: "video", placement: "feed", caption: "old" });
  });
});

describe("Instagram's profile", () => {
  it("names the account in the action bar and counts the posts that went live", async () => {
    const { phone } = await instagram({ accounts: ["main_acct", "second"] });
    await phone.ok(LAUNCH);
    await phone.tap({ desc: "Profile" });
    expect((await phone.find({ id: "action_bar_title" }))?.text).toBe("main_acct");
    expect((await phone.find({ id: "profile_header_familiar_post_count_value" }))?.text).toBe("0");
    await phone.tap({ id: "action_bar_username_container" });
    await phone.tap({ desc: "second" });
    expect((await phone.find({ id: "action_bar_title" }))?.text).toBe("second");
  });
});
