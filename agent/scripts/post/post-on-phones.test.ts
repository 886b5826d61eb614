import { describe, expect, test } from "vitest";
import { type DeviceProfile, GALAXY_A, InstagramApp, PIXEL_7, TikTokApp } from "../../../fake-phone";
import { logText, onlyPost, usePostRig } from "./post-script.testkit";

/**
 * The post script on phones as they are: each device profile (gesture and three-button
 * navigation, two screen sizes, Gboard and Samsung Keyboard as windows over the bottom of the
 * screen) × each app × a video with TikTok's Title##Description, several images, and a
 * caption beyond ASCII. Each post is checked on the phone's own record: exactly one post,
 * the exact bytes in the task's order, the exact title and description, the right account.
 * The posts run at the same time, each on its own phone with its own files, as a rack's do.
 */
const rig = usePostRig();

const PROFILES: DeviceProfile[] = [PIXEL_7, GALAXY_A];

describe.concurrent.each(PROFILES)("on $name", (profile) => {
  // Each profile's tests write their own files: the same name would be one file for two phones.
  const material = (name: string, size?: number) => rig.material(`${profile.name}-${name}`, size);

  test("TikTok: a video with Title##Description, by share", async () => {
    const tiktok = new TikTokApp({ uploadMs: 300 });
    const phone = await rig.phone([tiktok], profile);
    const video = await material("clip.mp4", 300 * 1024);
    const posting = await rig.run(phone, { platform: "tiktok", config: { material_list: [video.path], captions: "My day##Great run #fyp" } });
    expect(posting.outcome, logText(posting)).toEqual({ ok: true, failCode: null, remark: "posted (confirmed on the profile)", posted: true });
    const post = onlyPost(tiktok.posts);
    expect(post).toMatchObject({ kind: "video", title: "My day", caption: "Great run #fyp", account: "fake_creator" });
    expect(post.media.map((m) => m.data.equals(video.data))).toEqual([true]);
  });

  test("TikTok: three images, in the task's order, through its gallery", async () => {
    const tiktok = new TikTokApp({ uploadMs: 300 });
    const phone = await rig.phone([tiktok], profile);
    const images = [await material("a.jpg"), await material("b.png"), await material("c.webp")];
    const posting = await rig.run(phone, { platform: "tiktok", config: { content_type: 1, image_count: 3, material_list: images.map((i) => i.path), captions: "Three##in order" } });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    const post = onlyPost(tiktok.posts);
    expect(post).toMatchObject({ kind: "images", title: "Three", caption: "in order" });
    expect(post.media.map((m) => images.findIndex((i) => i.data.equals(m.data)))).toEqual([0, 1, 2]);
  });

  test("TikTok: a caption beyond ASCII, typed through ADBKeyBoard", async () => {
    const tiktok = new TikTokApp({ uploadMs: 300 });
    const phone = await rig.phone([tiktok], profile);
    const video = await material("zh.mp4");
    const posting = await rig.run(phone, { platform: "tiktok", config: { material_list: [video.path], captions: "看看我的新视频!#热门 ☕" } });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    expect(onlyPost(tiktok.posts)).toMatchObject({ title: "", caption: "看看我的新视频!#热门 ☕" });
  });

  test("Instagram: a reel with a caption, by share", async () => {
    const instagram = new InstagramApp({ uploadMs: 300 });
    const phone = await rig.phone([instagram], profile);
    const video = await material("reel.mp4", 200 * 1024);
    const posting = await rig.run(phone, { platform: "instagram", config: { material_list: [video.path], captions: "Reel time##not a title #reels" } });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true, remark: "posted (confirmed by the app)" });
    const post = onlyPost(instagram.posts);
    expect(post).toMatchObject({ kind: "video", placement: "reel", title: "", caption: "Reel time##not a title #reels" });
    expect(post.media[0]?.data.equals(video.data)).toBe(true);
  });

  test("Instagram: three images to the feed, in the task's order, through its gallery", async () => {
    const instagram = new InstagramApp({ uploadMs: 300 });
    const phone = await rig.phone([instagram], profile);
    const images = [await material("x.jpg"), await material("y.jpg"), await material("z.jpg")];
    const posting = await rig.run(phone, { platform: "instagram", config: { content_type: 1, image_count: 3, material_list: images.map((i) => i.path), captions: "carousel" } });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    const post = onlyPost(instagram.posts);
    expect(post).toMatchObject({ kind: "images", placement: "feed", caption: "carousel" });
    expect(post.media.map((m) => images.findIndex((i) => i.data.equals(m.data)))).toEqual([0, 1, 2]);
  });

  test("Instagram: a caption beyond ASCII", async () => {
    const instagram = new InstagramApp({ uploadMs: 300 });
    const phone = await rig.phone([instagram], profile);
    const video = await material("cafe.mp4");
    const caption = "Café au lait ☕ 你好";
    const posting = await rig.run(phone, { platform: "instagram", config: { material_list: [video.path], captions: caption } });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    expect(onlyPost(instagram.posts)).toMatchObject({ caption });
  });
});
