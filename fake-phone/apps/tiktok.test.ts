import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppOptions } from "./base-app.js";
import { TIKTOK_PACKAGE, TIKTOK_SHARE_ACTIVITY, TikTokApp } from "./tiktok.js";
import { ADB_KEYBOARD, ADB_KEYBOARD_PACKAGE } from "../system/input-method.js";
import { type Harness, type PhoneShell, poll, startHarness } from "../testing/test-harness.js";

const LAUNCH = `monkey -p ${TIKTOK_PACKAGE} -c android.intent.category.LAUNCHER 1`;

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.stop();
});

async function tiktok(options: AppOptions = {}): Promise<{ app: TikTokApp; phone: PhoneShell }> {
  const app = new TikTokApp(options);
  const phone = await harness.phone({ apps: [app], packages: [ADB_KEYBOARD_PACKAGE], scanDelayMs: 20 });
  return { app, phone };
}

/** Steps 2–4 of posting: push, scan, poll for the _id, share to TikTok. */
async function share(phone: PhoneShell, data: Buffer, name = "clip.mp4"): Promise<string> {
  await phone.push(data, `/sdcard/DCIM/Camera/${name}`);
  const id = await phone.index(`/sdcard/DCIM/Camera/${name}`, "video");
  const uri = `content://media/external/video/media/${id}`;
  return phone.ok(
    `am start -W -a android.intent.action.SEND -t video/mp4 --eu android.intent.extra.STREAM ${uri} --grant-read-uri-permission -n ${TIKTOK_PACKAGE}/${TIKTOK_SHARE_ACTIVITY}`,
  );
}

describe("TikTok shared a video", () => {
  it("posts the pushed bytes with the typed title and caption", async () => {
    const { app, phone } = await tiktok();
    const video = randomBytes(200 * 1024);
    expect(await share(phone, video)).toContain("Status: ok\n");
    await phone.tap({ text: "Next" });
    await phone.tap({ text: "Add a catchy title" });
    await phone.ok("input text 'My%strip'");
    await phone.tap({ id: "caption_input" });
    await phone.ok(`ime set ${ADB_KEYBOARD}`);
    await phone.ok(`am broadcast -a ADB_INPUT_B64 --es msg ${Buffer.from("Sonne ☀️ #urlaub").toString("base64")}`);
    expect(await phone.find({ id: "caption_input" })).toMatchObject({ text: "Sonne ☀️ #urlaub", focused: true });
    await phone.tap({ text: "Post" });

    expect(app.posts).toHaveLength(1);
    const [post] = app.posts;
    expect(post).toMatchObject({ kind: "video", placement: "feed", title: "My trip", caption: "Sonne ☀️ #urlaub", account: "fake_creator" });
    expect(post?.media.map((m) => m.path)).toEqual(["/storage/emulated/0/DCIM/Camera/clip.mp4"]);
    expect(post?.media[0]?.data.equals(video)).toBe(true);
  });

  it("shows Posting... for uploadMs after Post, then the plain home screen", async () => {
    const { phone } = await tiktok({ uploadMs: 300 });
    await share(phone, randomBytes(10));
    await phone.tap({ text: "Next" });
    await phone.tap({ text: "Post" });
    expect(await phone.find({ id: "upload_progress" })).toMatchObject({ text: "Posting..." });
    await poll(async () => ((await phone.find({ id: "upload_progress" })) === undefined ? true : undefined));
    expect(await phone.find({ desc: "Home" })).toBeDefined();
  });

  it("keeps the indicator up when the upload never finishes", async () => {
    const { phone } = await tiktok({ uploadMs: 10, uploadNeverFinishes: true });
    await share(phone, randomBytes(10));
    await phone.tap({ text: "Next" });
    await phone.tap({ text: "Post" });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await phone.find({ text: "Posting..." })).toBeDefined();
  });

  it("goes back from the post screen to the editor, then home", async () => {
    const { app, phone } = await tiktok();
    await share(phone, randomBytes(10));
    await phone.tap({ text: "Next" });
    await phone.ok("input keyevent KEYCODE_BACK");
    expect(await phone.find({ id: "editor_next" })).toBeDefined();
    await phone.ok("input keyevent 4");
    expect(await phone.find({ desc: "Create" })).toBeDefined();
    expect(app.posts).toEqual([]);
  });

  it("stays home with an error for a uri it cannot read", async () => {
    const { app, phone } = await tiktok();
    const started = await phone.ok(
      `am start -W -a android.intent.action.SEND -t video/mp4 --eu android.intent.extra.STREAM content://media/external/video/media/999999 -n ${TIKTOK_PACKAGE}/${TIKTOK_SHARE_ACTIVITY}`,
    );
    expect(started).toContain("Status: ok");
    expect(await phone.find({ text: "Couldn't load the file" })).toBeDefined();
    expect(await phone.find({ id: "editor_next" })).toBeUndefined();
    expect(app.events.some((event) => event.startsWith("share failed"))).toBe(true);
  });

  it("writes typed text into the dump escaped, Enter as a line break", async () => {
    const { app, phone } = await tiktok();
    await share(phone, randomBytes(10));
    await phone.tap({ text: "Next" });
    await phone.tap({ text: "Add description..." });
    await phone.ok(`input text 'a<b&"c"'`);
    await phone.ok("input keyevent KEYCODE_ENTER");
    await phone.ok("input text 'line2'");
    const raw = await phone.ok("uiautomator dump /sdcard/raw.xml >/dev/null && cat /sdcard/raw.xml");
    expect(raw).toContain('text="a&lt;b&amp;&quot;c&quot;&#10;line2"');
    await phone.tap({ text: "Post" });
    expect(app.posts[0]?.caption).toBe('a<b&"c"\nline2');
  });
});

describe("TikTok's own upload path", () => {
  it("posts the item picked in its gallery, newest first", async () => {
    const { app, phone } = await tiktok();
    const video = randomBytes(1000);
    await phone.push(video, "/sdcard/DCIM/Camera/older.mp4");
    await phone.index("/sdcard/DCIM/Camera/older.mp4", "video");
    await phone.push(Buffer.from("png"), "/sdcard/DCIM/Camera/newer.png");
    await phone.index("/sdcard/DCIM/Camera/newer.png", "images");

    await phone.ok(LAUNCH);
    await phone.tap({ desc: "Create" });
    await phone.tap({ desc: "Upload" });
    const grid = (await phone.dump()).filter((node) => node.id.endsWith(":id/gallery_item")).map((node) => node.desc);
    expect(grid).toEqual(["Photo, 1", "Video, 2"]);
    expect(await phone.find({ id: "gallery_next" })).toMatchObject({ enabled: false });
    await phone.tap({ id: "gallery_next" });
    expect(await phone.find({ text: "Recents" })).toBeDefined();

    await phone.tap({ text: "Videos" });
    expect((await phone.dump()).filter((node) => node.id.endsWith(":id/gallery_item")).map((node) => node.desc)).toEqual(["Video, 1"]);
    await phone.tap({ desc: "Video, 1" });
    expect(await phone.find({ desc: "Video, 1" })).toMatchObject({ selected: true });
    await phone.tap({ text: "Next" });
    await phone.tap({ id: "editor_next" });
    await phone.tap({ text: "Add description..." });
    await phone.ok("input text 'from%sthe%sgallery'");
    await phone.tap({ id: "post_button" });

    expect(app.posts[0]).toMatchObject({ kind: "video", caption: "from the gallery", title: "" });
    expect(app.posts[0]?.media[0]?.data.equals(video)).toBe(true);
  });

  it("posts photos as kind images, in the order they were picked", async () => {
    const { app, phone } = await tiktok();
    for (const name of ["one.jpg", "two.jpg"]) {
      await phone.push(Buffer.from(name), `/sdcard/DCIM/Camera/${name}`);
      await phone.index(`/sdcard/DCIM/Camera/${name}`, "images");
    }
    await phone.ok(LAUNCH);
    await phone.tap({ desc: "Create" });
    await phone.tap({ id: "upload_entry" });
    await phone.tap({ desc: "Photo, 2" });
    await phone.tap({ desc: "Photo, 1" });
    await phone.tap({ text: "Next" });
    await phone.tap({ text: "Next" });
    await phone.tap({ text: "Post" });
    expect(app.posts[0]?.kind).toBe("images");
    expect(app.posts[0]?.media.map((m) => m.data.toString())).toEqual(["one.jpg", "two.jpg"]);
  });
});

describe("TikTok around the post", () => {
  it("switches accounts from the profile header and posts as the new one", async () => {
    const { app, phone } = await tiktok({ accounts: ["alpha", "beta"] });
    await phone.ok(LAUNCH);
    await phone.tap({ desc: "Profile" });
    expect(await phone.find({ id: "profile_username" })).toMatchObject({ text: "@alpha" });
    await phone.tap({ desc: "Switch account" });
    expect((await phone.dump()).filter((node) => node.id.endsWith(":id/account_row")).map((node) => node.text)).toEqual(["alpha", "beta"]);
    await phone.tap({ text: "beta", id: "account_row" });
    expect(await phone.find({ id: "profile_username" })).toMatchObject({ text: "@beta" });
    expect(app.account).toBe("beta");

    await share(phone, randomBytes(10));
    await phone.tap({ text: "Next" });
    await phone.tap({ text: "Post" });
    expect(app.posts[0]?.account).toBe("beta");
  });

  it("covers the first launch with a notifications dialog until it is answered", async () => {
    const { app, phone } = await tiktok({ popupOnLaunch: true });
    await phone.ok(LAUNCH);
    expect(await phone.find({ text: "Turn on notifications?" })).toBeDefined();
    expect(await phone.find({ desc: "Create" })).toBeUndefined();
    await phone.tap({ text: "Not now" });
    expect(await phone.find({ desc: "Create" })).toBeDefined();
    await phone.ok(`am force-stop ${TIKTOK_PACKAGE}`);
    await phone.ok(LAUNCH);
    expect(await phone.find({ text: "Turn on notifications?" })).toBeUndefined();
    expect(app.events).toContain("popup: Not now");
  });

  it("never shows a hidden element, nor reacts where it would be", async () => {
    const { phone } = await tiktok({ hidden: ["Upload"] });
    await phone.ok(LAUNCH);
    await phone.tap({ desc: "Create" });
    const nodes = await phone.dump();
    expect(nodes.some((node) => node.text === "Upload" || node.desc === "Upload")).toBe(false);
    await phone.ok("input tap 870 2040");
    expect(await phone.find({ text: "Record" })).toBeDefined();
  });

  it("fails the first dumps with could not get idle state", async () => {
    const { phone } = await tiktok({ dumpIdleErrors: 2 });
    await phone.ok(LAUNCH);
    for (let i = 0; i < 2; i++) {
      expect(await phone.run("uiautomator dump /sdcard/d.xml")).toEqual({ stdout: "", stderr: "ERROR: could not get idle state.\n", exitCode: 1 });
    }
    expect(await phone.ok("uiautomator dump /sdcard/d.xml")).toBe("UI hierchary dumped to: /sdcard/d.xml\n");
  });
});
