import { describe, expect, test } from "vitest";
import { grantsRefused, INSTAGRAM_263, InstagramApp, PIXEL_7, REDMI_NOTE_ZH, TIKTOK_35, TIKTOK_46, TikTokApp } from "../../../fake-phone";
import { logText, onlyPost, usePostRig } from "./post-script.testkit";

/**
 * The post script where phones differ most from a tidy one: a Chinese UI (whose app texts the
 * screen data does not know), permission dialogs the agent could not grant away beforehand,
 * and app builds the data knows other ids for, or none at all. The tests run at the same time,
 * each on its own phone with its own files, as a rack's phones do.
 */
const rig = usePostRig();

describe.concurrent("a phone in Chinese", () => {
  test("TikTok: a video with a Chinese Title##Description", async () => {
    const tiktok = new TikTokApp({ uploadMs: 300 });
    const phone = await rig.phone([tiktok], REDMI_NOTE_ZH);
    const video = await rig.material("zh.mp4");
    const posting = await rig.run(phone, { platform: "tiktok", config: { material_list: [video.path], captions: "今天##看看我的新视频 #热门" } });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true, remark: "posted (confirmed on the profile)" });
    expect(onlyPost(tiktok.posts)).toMatchObject({ title: "今天", caption: "看看我的新视频 #热门" });
  });

  test("TikTok: two images through its gallery", async () => {
    const tiktok = new TikTokApp({ uploadMs: 300 });
    const phone = await rig.phone([tiktok], REDMI_NOTE_ZH);
    const images = [await rig.material("1.jpg"), await rig.material("2.jpg")];
    const posting = await rig.run(phone, { platform: "tiktok", config: { content_type: 1, image_count: 2, material_list: images.map((i) => i.path), captions: "两张" } });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    expect(onlyPost(tiktok.posts).media.map((m) => images.findIndex((i) => i.data.equals(m.data)))).toEqual([0, 1]);
  });

  test("Instagram: a reel and two images", async () => {
    const instagram = new InstagramApp({ uploadMs: 300 });
    const phone = await rig.phone([instagram], REDMI_NOTE_ZH);
    const video = await rig.material("zh-reel.mp4");
    const reel = await rig.run(phone, { platform: "instagram", config: { material_list: [video.path], captions: "你好 Reels" } });
    expect(reel.outcome, logText(reel)).toMatchObject({ ok: true });
    const images = [await rig.material("3.jpg"), await rig.material("4.jpg")];
    const feed = await rig.run(phone, { platform: "instagram", config: { content_type: 1, image_count: 2, material_list: images.map((i) => i.path), captions: "两张图" } });
    expect(feed.outcome, logText(feed)).toMatchObject({ ok: true });
    expect(instagram.posts.map((post) => [post.placement, post.caption])).toEqual([["reel", "你好 Reels"], ["feed", "两张图"]]);
    expect(instagram.posts[1]?.media.map((m) => images.findIndex((i) => i.data.equals(m.data)))).toEqual([0, 1]);
  });
});

describe.concurrent("permission dialogs the agent could not grant beforehand", () => {
  test("TikTok asks for notifications, the camera, the microphone and photos: each is allowed, and the post goes through", async () => {
    const tiktok = new TikTokApp({ uploadMs: 300 });
    const phone = await rig.phone([tiktok], grantsRefused(PIXEL_7));
    const images = [await rig.material("p1.jpg"), await rig.material("p2.jpg")];
    const posting = await rig.run(phone, { platform: "tiktok", config: { content_type: 1, image_count: 2, material_list: images.map((i) => i.path), captions: "asked" } });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    expect(logText(posting)).toMatch(/pm grant refused/);
    expect(logText(posting)).toMatch(/dismissed a pop-up \(Allow all\)/);
    expect(phone.permissions.hasPhotos(tiktok.package)).toBe(true);
    expect(onlyPost(tiktok.posts).media).toHaveLength(2);
  });

  test("Instagram in Chinese asks for photos: allowed in Chinese, posted", async () => {
    const instagram = new InstagramApp({ uploadMs: 300 });
    const phone = await rig.phone([instagram], grantsRefused(REDMI_NOTE_ZH));
    const images = [await rig.material("q1.jpg"), await rig.material("q2.jpg")];
    const posting = await rig.run(phone, { platform: "instagram", config: { content_type: 1, image_count: 2, material_list: images.map((i) => i.path) } });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    expect(onlyPost(instagram.posts).media).toHaveLength(2);
  });
});

describe.concurrent("app builds", () => {
  test("TikTok 35: no title field for a video, so the title leads the description; Next at the top", async () => {
    const tiktok = new TikTokApp({ uploadMs: 300, build: TIKTOK_35 });
    const phone = await rig.phone([tiktok], PIXEL_7);
    const video = await rig.material("old.mp4");
    const posting = await rig.run(phone, { platform: "tiktok", config: { material_list: [video.path], captions: "Old build##still posts" } });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    expect(onlyPost(tiktok.posts)).toMatchObject({ title: "", caption: "Old build\nstill posts" });
  });

  test("TikTok 46, a build no script has recorded ids of: by texts, descriptions and layout", async () => {
    const tiktok = new TikTokApp({ uploadMs: 300, build: TIKTOK_46 });
    const phone = await rig.phone([tiktok], PIXEL_7);
    const images = [await rig.material("n1.jpg"), await rig.material("n2.jpg")];
    const posting = await rig.run(phone, { platform: "tiktok", config: { content_type: 1, image_count: 2, material_list: images.map((i) => i.path), captions: "New##build" } });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    expect(logText(posting)).toMatch(/TikTok 46\.2\.5 .*no ids for/);
    expect(onlyPost(tiktok.posts)).toMatchObject({ title: "New", caption: "build" });
  });

  test("Instagram 263: Create is a tab, Share an arrow at the top", async () => {
    const instagram = new InstagramApp({ uploadMs: 300, build: INSTAGRAM_263 });
    const phone = await rig.phone([instagram], PIXEL_7);
    const images = [await rig.material("o1.jpg"), await rig.material("o2.jpg")];
    const posting = await rig.run(phone, { platform: "instagram", config: { content_type: 1, image_count: 2, material_list: images.map((i) => i.path), captions: "older" } });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    expect(onlyPost(instagram.posts)).toMatchObject({ placement: "feed", caption: "older" });
    expect(instagram.posts[0]?.media.map((m) => images.findIndex((i) => i.data.equals(m.data)))).toEqual([0, 1]);
  });
});
