import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type DeviceProfile, PIXEL_7, REDMI_NOTE_ZH } from "../../system/device-profile.js";
import { CAMERA, RECORD_AUDIO, photoPermissions } from "../../system/permissions.js";
import { type PhoneShell, poll, useHarness } from "../../testing/test-harness.js";
import { TIKTOK_35, TIKTOK_43, type TikTokBuild } from "./builds.js";
import { TIKTOK_PACKAGE, TIKTOK_SHARE_ACTIVITY, TikTokApp, type TikTokOptions } from "./tiktok-app.js";

const LAUNCH = `monkey -p ${TIKTOK_PACKAGE} -c android.intent.category.LAUNCHER 1`;

const harness = useHarness();

async function tiktok(options: TikTokOptions & { profile?: DeviceProfile; grant?: boolean } = {}): Promise<{ app: TikTokApp; phone: PhoneShell }> {
  const app = new TikTokApp({ asksNotifications: false, ...options });
  const phone = await harness.phone({ apps: [app], scanDelayMs: 20, profile: options.profile });
  // The camera's own permissions always; photo access unless the test is about asking for it.
  const photos = options.grant === false ? [] : photoPermissions(phone.phone.profile.sdk);
  for (const permission of [CAMERA, RECORD_AUDIO, ...photos]) await phone.ok(`pm grant ${TIKTOK_PACKAGE} ${permission}`);
  return { app, phone };
}

const id = (build: TikTokBuild, element: keyof TikTokBuild["ids"]) => `${TIKTOK_PACKAGE}:id/${build.ids[element]}`;

async function pushVideo(phone: PhoneShell, data: Buffer, name = "clip.mp4"): Promise<string> {
  await phone.push(data, `/sdcard/DCIM/Camera/${name}`);
  return `content://media/external/video/media/${await phone.index(`/sdcard/DCIM/Camera/${name}`, "video")}`;
}

async function share(phone: PhoneShell, uri: string): Promise<string> {
  return phone.ok(`am start -W -a android.intent.action.SEND -t video/mp4 --eu android.intent.extra.STREAM ${uri} --grant-read-uri-permission -n ${TIKTOK_PACKAGE}/${TIKTOK_SHARE_ACTIVITY}`);
}

describe("TikTok 43: a shared video", () => {
  it("lands in the editor; the post screen has a title above the description; Post asks once, then uploads", async () => {
    const { app, phone } = await tiktok();
    const video = randomBytes(50_000);
    expect(await share(phone, await pushVideo(phone, video))).toContain("Status: ok\n");
    await phone.tap({ id: id(TIKTOK_43, "editorNext") });
    const fields = (await phone.dump()).filter((node) => node.cls === "android.widget.EditText");
    expect(fields.map((field) => field.text)).toEqual(["Add a catchy title", "Add a description"]);
    // Two nodes read "Post": the screen's title and the button.
    expect((await phone.dump()).filter((node) => node.text === "Post").map((node) => node.clickable)).toEqual([false, true]);
    await phone.tap({ text: "Add a description" });
    await phone.ok("input text 'hello%sworld'");
    await phone.ok("input keyevent KEYCODE_BACK");
    await phone.tap({ text: "Post", clickable: true });
    expect(await phone.find({ text: "Publish video publicly?" })).toBeDefined();
    await phone.tap({ text: "Publish now" });
    expect(app.posts).toEqual([expect.objectContaining({ kind: "video", title: "", caption: "hello world", account: "fake_creator" })]);
    expect(app.posts[0]?.media[0]?.data.equals(video)).toBe(true);
  });

  it("shows a percentage at the top left while uploading, then nothing; the post is then on the profile", async () => {
    const { app, phone } = await tiktok({ uploadMs: 400, confirmFirstPost: false });
    await share(phone, await pushVideo(phone, randomBytes(10)));
    await phone.tap({ id: id(TIKTOK_43, "editorNext") });
    await phone.tap({ text: "Add a description" });
    await phone.ok("input text mine");
    await phone.ok("input keyevent 4");
    await phone.tap({ id: id(TIKTOK_43, "postButton") });
    expect((await phone.find({ id: id(TIKTOK_43, "uploadBadge") }))?.text).toMatch(/^\d{1,2}%$/);
    await poll(async () => ((await phone.find({ id: id(TIKTOK_43, "uploadBadge") })) === undefined ? true : undefined), 3_000, 50);
    expect(app.profilePosts()).toEqual([expect.objectContaining({ caption: "mine", kind: "video" })]);
    await phone.tap({ desc: "Profile" });
    await phone.tap({ id: id(TIKTOK_43, "profileCell") });
    expect((await phone.find({ id: id(TIKTOK_43, "detailDescription") }))?.text).toBe("mine");
  });

  it("keeps nothing when the upload fails", async () => {
    const { app, phone } = await tiktok({ uploadMs: 100, uploadFails: true, confirmFirstPost: false });
    await share(phone, await pushVideo(phone, randomBytes(10)));
    await phone.tap({ id: id(TIKTOK_43, "editorNext") });
    await phone.tap({ id: id(TIKTOK_43, "postButton") });
    await poll(async () => ((await phone.find({ id: id(TIKTOK_43, "uploadFailed") })) === undefined ? undefined : true), 3_000, 50);
    expect(app.posts).toHaveLength(1);
    expect(app.profilePosts()).toEqual([]);
  });
});

describe("TikTok 35", () => {
  it("has the editor's Next at the top, no title for a video, and the old description hint", async () => {
    const { phone } = await tiktok({ build: TIKTOK_35 });
    await share(phone, await pushVideo(phone, randomBytes(10)));
    const next = await phone.find({ id: id(TIKTOK_35, "editorNext") });
    expect(next?.centre.y).toBeLessThan(400);
    await phone.tap({ id: id(TIKTOK_35, "editorNext") });
    const fields = (await phone.dump()).filter((node) => node.cls === "android.widget.EditText");
    expect(fields.map((field) => field.text)).toEqual(["Add description..."]);
  });
});

describe("TikTok's gallery", () => {
  async function openGallery(phone: PhoneShell): Promise<void> {
    await phone.ok(LAUNCH);
    await phone.tap({ desc: "Create" });
    await phone.tap({ text: "Upload" });
  }

  it("asks for photo access first; denied, it shows its own prompt; denied twice, Android stops asking", async () => {
    const { phone } = await tiktok({ grant: false });
    await openGallery(phone);
    const dialog = await phone.dump();
    expect(dialog[0]?.pkg).toBe(PIXEL_7.permissionController);
    expect(dialog.map((node) => node.text)).toContain("Allow TikTok to access photos and videos on this device?");
    expect(dialog.map((node) => node.id.replace(/^.*:id\//, ""))).toEqual(expect.arrayContaining(["permission_allow_all_button", "permission_allow_selected_button", "permission_deny_button"]));
    await phone.tap({ id: "permission_deny_button" });
    await phone.tap({ text: "Allow access" });
    await phone.tap({ id: "permission_deny_and_dont_ask_again_button" });
    await phone.tap({ text: "Allow access" });
    expect((await phone.dump())[0]?.pkg).toBe(TIKTOK_PACKAGE);
    expect(await phone.find({ text: "Allow access" })).toBeDefined();
  });

  it("lists newest first, picks one at a time, and with Select multiple picks by the corner circle while the cell opens a preview", async () => {
    const { phone } = await tiktok();
    for (const name of ["a.mp4", "b.mp4"]) await pushVideo(phone, randomBytes(10), name);
    await phone.ok(`touch -d @${Math.floor(Date.now() / 1000) + 5} /sdcard/DCIM/Camera/b.mp4`);
    await phone.ok("am broadcast -a android.intent.action.MEDIA_SCANNER_SCAN_FILE -d file:///sdcard/DCIM/Camera/b.mp4");
    await poll(async () => (phone.phone.media.newestFirst()[0]?.path.endsWith("b.mp4") === true ? true : undefined));
    await openGallery(phone);
    const cells = (await phone.dump()).filter((node) => node.cls === "android.widget.FrameLayout" && node.clickable && node.id === "" && node.desc === "");
    expect(cells).toHaveLength(2);
    await phone.ok(`input tap ${cells[0]?.centre.x} ${cells[0]?.centre.y}`);
    expect(await phone.find({ text: "Next" })).toMatchObject({ enabled: true });
    await phone.tap({ text: "Select multiple" });
    const circles = (await phone.dump()).filter((node) => node.id === id(TIKTOK_43, "galleryCircle"));
    expect(circles.map((circle) => circle.text)).toEqual(["1", ""]);
    await phone.ok(`input tap ${circles[1]?.centre.x} ${circles[1]?.centre.y}`);
    expect(await phone.find({ text: "Next (2)" })).toBeDefined();
    await phone.ok(`input tap ${cells[1]?.centre.x} ${cells[1]?.centre.y}`);
    expect((await phone.dump()).some((node) => node.id === id(TIKTOK_43, "previewSelect"))).toBe(true);
  });
});

describe("TikTok's feed", () => {
  it("plays a video that keeps uiautomator from an idle moment until a tap pauses it", async () => {
    const { phone } = await tiktok();
    await phone.ok(LAUNCH);
    let failures = 0;
    for (let i = 0; i < 10; i++) {
      const result = await phone.run("uiautomator dump /sdcard/x.xml");
      if (result.stderr === "ERROR: could not get idle state.\n") {
        expect(result.exitCode).toBe(0);
        failures++;
      }
    }
    expect(failures).toBeGreaterThan(0);
    await phone.ok(`input tap 540 1200`);
    for (let i = 0; i < 5; i++) expect((await phone.run("uiautomator dump /sdcard/x.xml")).stdout).toContain("UI hierchary dumped to");
  });
});

describe("TikTok in Chinese", () => {
  it("names its tabs and buttons in Chinese; ids and descriptions follow the build", async () => {
    const { phone } = await tiktok({ profile: REDMI_NOTE_ZH });
    await phone.ok(LAUNCH);
    const nodes = await phone.dump();
    expect(nodes.find((node) => node.id === id(TIKTOK_43, "navCreate"))?.desc).toBe("创作");
    expect(nodes.some((node) => node.desc === "Create")).toBe(false);
  });
});
