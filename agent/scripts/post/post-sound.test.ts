import { describe, expect, test } from "vitest";
import { GALAXY_A, soundLink, soundShortLink, TIKTOK_35, TIKTOK_46, TIKTOK_SOUNDS, TikTokApp, type TikTokOptions } from "../../../fake-phone";
import { logText, onlyPost, usePostRig } from "./post-script.testkit";

/**
 * TikTok's sounds on the fake phone: post_way useSound by a link and by a name, add_sound off,
 * recommended and custom (by name through the picker's search, by link through Favorites),
 * and the volumes; each checked on what the app recorded at publish. The tests run at the same
 * time, each on its own phone with its own files, as a rack's phones do.
 */
const rig = usePostRig();

const [restless, kagefumi, , epic, summer] = TIKTOK_SOUNDS;
if (restless === undefined || kagefumi === undefined || epic === undefined || summer === undefined) throw new Error("the fake's sound catalogue changed");

async function postOnTikTok(config: Record<string, unknown>, options: TikTokOptions = {}, profile = GALAXY_A) {
  const tiktok = new TikTokApp({ uploadMs: 300, soundLoadMs: 800, ...options });
  const phone = await rig.phone([tiktok], profile);
  const video = await rig.material(`sound-${Math.random().toString(36).slice(2)}.mp4`);
  const posting = await rig.run(phone, { platform: "tiktok", config: { material_list: [video.path], captions: "with a sound", ...config } });
  return { tiktok, posting, video };
}

describe.concurrent("post_way useSound", () => {
  test("a sound's link opens its page; Use this sound, Upload, the video: posted with that sound", async () => {
    const { tiktok, posting, video } = await postOnTikTok({ post_way: "useSound", sound_name: soundLink(epic) });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true, remark: "posted (confirmed on the profile)" });
    const post = onlyPost(tiktok.posts);
    expect(post).toMatchObject({ sound: epic.title, caption: "with a sound" });
    expect(post.media[0]?.data.equals(video.data)).toBe(true);
    expect(logText(posting)).toContain(`the sound attached: "${epic.title}"`);
  });

  test("a short link works the same", async () => {
    const { tiktok, posting } = await postOnTikTok({ post_way: "useSound", sound_name: soundShortLink(summer) });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    expect(onlyPost(tiktok.posts).sound).toBe(summer.title);
  });

  test("a name is searched: Sounds tab, the first sound found, its page, Use this sound", async () => {
    const { tiktok, posting } = await postOnTikTok({ post_way: "useSound", sound_name: "kagefumi" });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    expect(onlyPost(tiktok.posts).sound).toBe(kagefumi.title);
  });

  test("with the volumes set on the sound it came with", async () => {
    const { tiktok, posting } = await postOnTikTok({ post_way: "useSound", sound_name: soundLink(epic), origin_sound_volume: 20, add_sound_volume: 90 });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    expect(onlyPost(tiktok.posts)).toMatchObject({ sound: epic.title, volumes: { original: 20, added: 90 } });
  });

  test("a link to a sound TikTok does not have ends 1005 at its page, nothing posted", async () => {
    const { tiktok, posting } = await postOnTikTok({ post_way: "useSound", sound_name: "https://www.tiktok.com/music/Gone-7000000000000000001", sound_wait_time: 2 });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: false, failCode: 1005, posted: false });
    expect(posting.outcome.remark).toContain("the sound's page");
    expect(tiktok.posts).toEqual([]);
  });
});

describe.concurrent("add_sound", () => {
  test("0 removes the sound TikTok put on photos by itself", async () => {
    const tiktok = new TikTokApp({ uploadMs: 300 });
    const phone = await rig.phone([tiktok], GALAXY_A);
    const images = [await rig.material("quiet-1.jpg"), await rig.material("quiet-2.jpg")];
    const posting = await rig.run(phone, { platform: "tiktok", config: { content_type: 1, image_count: 2, material_list: images.map((i) => i.path), add_sound: 0 } });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    expect(onlyPost(tiktok.posts).sound).toBeUndefined();
  });

  test("-1 leaves TikTok's own choice on photos", async () => {
    const tiktok = new TikTokApp({ uploadMs: 300 });
    const phone = await rig.phone([tiktok], GALAXY_A);
    const images = [await rig.material("own-1.jpg"), await rig.material("own-2.jpg")];
    const posting = await rig.run(phone, { platform: "tiktok", config: { content_type: 1, image_count: 2, material_list: images.map((i) => i.path) } });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    expect(onlyPost(tiktok.posts).sound).toBeDefined();
  });

  test("0 on a video without an added sound changes nothing", async () => {
    const { tiktok, posting } = await postOnTikTok({ add_sound: "0" });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    expect(onlyPost(tiktok.posts).sound).toBeUndefined();
  });

  test("1 picks the picker's first recommended sound", async () => {
    const { tiktok, posting } = await postOnTikTok({ add_sound: "1" });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    expect(onlyPost(tiktok.posts).sound).toBe(TIKTOK_SOUNDS[0]?.title);
  });

  test("custom by name: searched in the picker, the first found used, with both volumes", async () => {
    const { tiktok, posting } = await postOnTikTok({ add_sound: "custom", custom_sound_keyword: "summer walk", origin_sound_volume: 10, add_sound_volume: 75 });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    expect(onlyPost(tiktok.posts)).toMatchObject({ sound: summer.title, volumes: { original: 10, added: 75 } });
  });

  test("custom by link: added to Favorites from its page, then picked from Favorites", async () => {
    const { tiktok, posting } = await postOnTikTok({ add_sound: "custom", custom_sound_keyword: soundLink(kagefumi) }, { favorites: [epic.id] });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    expect(onlyPost(tiktok.posts).sound).toBe(kagefumi.title);
  });

  test.each([
    ["no known ids", TIKTOK_46],
    ["older ones", TIKTOK_35],
  ])("custom by link on a build with %s", async (_ids, build) => {
    const { tiktok, posting } = await postOnTikTok({ add_sound: "custom", custom_sound_keyword: soundShortLink(summer), add_sound_volume: 30 }, { build });
    expect(posting.outcome, `${build.versionName}\n${logText(posting)}`).toMatchObject({ ok: true });
    expect(onlyPost(tiktok.posts)).toMatchObject({ sound: summer.title, volumes: { added: 30 } });
  });
});
