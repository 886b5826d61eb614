import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppOptions } from "./base-app.js";
import { INSTAGRAM_FEED_SHARE, INSTAGRAM_PACKAGE, INSTAGRAM_REEL_SHARE, INSTAGRAM_STORY_SHARE, InstagramApp } from "./instagram.js";
import type { MediaTable } from "../system/media-store.js";
import { type Harness, type PhoneShell, poll, startHarness } from "../testing/test-harness.js";

const LAUNCH = `monkey -p ${INSTAGRAM_PACKAGE} -c android.intent.category.LAUNCHER 1`;

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.stop();
});

async function instagram(options: AppOptions = {}): Promise<{ app: InstagramApp; phone: PhoneShell }> {
  const app = new InstagramApp(options);
  const phone = await harness.phone({ apps: [app], scanDelayMs: 20 });
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

async function typeCaption(phone: PhoneShell, caption: string): Promise<void> {
  await phone.tap({ text: "Write a caption..." });
  await phone.ok(`input text '${caption.replace(/ /g, "%s")}'`);
}

describe("Instagram share handlers", () => {
  it("posts a shared video as a reel and shows Sharing to Reels… until done", async () => {
    const { app, phone } = await instagram({ uploadMs: 300 });
    const video = randomBytes(4096);
    const uri = await pushAndIndex(phone, video, "reel.mp4");
    expect(await share(phone, uri, "video/mp4", INSTAGRAM_REEL_SHARE)).toContain("Status: ok");
    await phone.tap({ id: "next_button_textview" });
    await typeCaption(phone, "reel caption");
    await phone.tap({ text: "Share" });

    expect(app.posts).toHaveLength(1);
    expect(app.posts[0]).toMatchObject({ kind: "video", placement: "reel", caption: "reel caption", title: "", account: "fake_creator" });
    expect(app.posts[0]?.media[0]?.data.equals(video)).toBe(true);
    expect(await phone.find({ id: "upload_progress" })).toMatchObject({ text: "Sharing to Reels…" });
    await poll(async () => ((await phone.find({ id: "upload_progress" })) === undefined ? true : undefined));
    expect(await phone.find({ id: "feed_tab" })).toBeDefined();
  });

  it("posts a shared photo to the feed with Posting…", async () => {
    const { app, phone } = await instagram();
    const uri = await pushAndIndex(phone, Buffer.from("jpeg bytes"), "photo.jpg");
    await share(phone, uri, "image/*", INSTAGRAM_FEED_SHARE);
    await phone.tap({ text: "Next" });
    await typeCaption(phone, "feed caption");
    await phone.tap({ id: "share_button" });
    expect(app.posts[0]).toMatchObject({ kind: "images", placement: "feed", caption: "feed caption" });
    expect(await phone.find({ id: "upload_progress" })).toMatchObject({ text: "Posting…" });
  });

  it("posts a shared video to the story from Your story, without a caption", async () => {
    const { app, phone } = await instagram();
    const uri = await pushAndIndex(phone, randomBytes(100), "story.mp4");
    await share(phone, uri, "video/mp4", INSTAGRAM_STORY_SHARE);
    await phone.tap({ desc: "Your story" });
    expect(app.posts[0]).toMatchObject({ kind: "video", placement: "story", caption: "" });
    expect(await phone.find({ id: "upload_progress" })).toMatchObject({ text: "Sharing…" });
  });
});

describe("Instagram's own gallery", () => {
  it("picks one item at a time unless Select multiple is on", async () => {
    const { app, phone } = await instagram();
    await pushAndIndex(phone, Buffer.from("first"), "first.jpg");
    await pushAndIndex(phone, Buffer.from("second"), "second.jpg");
    await phone.ok(LAUNCH);
    await phone.tap({ desc: "Create" });
    expect(await phone.find({ text: "POST" })).toMatchObject({ selected: true });
    expect(await phone.find({ id: "next_button_textview" })).toMatchObject({ enabled: false });

    await phone.tap({ desc: "Photo thumbnail, 1" });
    await phone.tap({ desc: "Photo thumbnail, 2" });
    const selected = (await phone.dump()).filter((node) => node.selected && node.id.endsWith(":id/gallery_grid_item_thumbnail"));
    expect(selected.map((node) => node.desc)).toEqual(["Photo thumbnail, 2"]);

    await phone.tap({ text: "Select multiple" });
    await phone.tap({ desc: "Photo thumbnail, 1" });
    await phone.tap({ text: "Next" });
    await phone.tap({ text: "Next" });
    await typeCaption(phone, "carousel");
    await phone.tap({ text: "Share" });
    expect(app.posts[0]).toMatchObject({ kind: "images", placement: "feed", caption: "carousel" });
    expect(app.posts[0]?.media.map((m) => m.data.toString())).toEqual(["first", "second"]);
  });

  it("takes the REEL tab to the reel editor and STORY to the story", async () => {
    const { app, phone } = await instagram();
    const video = randomBytes(500);
    await pushAndIndex(phone, video, "own.mp4");
    await phone.ok(LAUNCH);
    await phone.tap({ id: "creation_tab" });
    await phone.tap({ text: "REEL" });
    await phone.tap({ id: "gallery_grid_item_thumbnail" });
    await phone.tap({ text: "Next" });
    await phone.tap({ text: "Next" });
    await typeCaption(phone, "own reel");
    await phone.tap({ text: "Share" });

    await phone.tap({ desc: "Create" });
    await phone.tap({ text: "STORY" });
    await phone.tap({ desc: "Video thumbnail, 1" });
    await phone.tap({ text: "Next" });
    await phone.tap({ id: "story_share_button" });

    expect(app.posts.map((post) => [post.placement, post.kind, post.caption])).toEqual([
      ["reel", "video", "own reel"],
      ["story", "video", ""],
    ]);
    expect(app.posts.every((post) => post.media[0]?.data.equals(video))).toBe(true);
  });

  it("switches accounts from the profile's action bar title", async () => {
    const { app, phone } = await instagram({ accounts: ["main_acct", "second_acct"] });
    await phone.ok(LAUNCH);
    await phone.tap({ id: "profile_tab" });
    expect(await phone.find({ id: "action_bar_title" })).toMatchObject({ text: "main_acct" });
    await phone.tap({ id: "action_bar_title" });
    await phone.tap({ text: "second_acct", id: "row_user_primary_name" });
    expect(await phone.find({ id: "action_bar_title" })).toMatchObject({ text: "second_acct" });
    expect(app.account).toBe("second_acct");
  });
});
