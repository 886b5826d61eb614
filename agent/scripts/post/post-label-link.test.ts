import { describe, expect, test } from "vitest";
import { GALAXY_A, INSTAGRAM_263, InstagramApp, PIXEL_7, soundLink, TIKTOK_46, TIKTOK_SOUNDS, TikTokApp } from "../../../fake-phone";
import { logText, onlyPost, usePostRig } from "./post-script.testkit";

/**
 * The post screen's extras on the fake phone: TikTok's product link (the showcase's first
 * product) and AI-generated content label, Instagram's "Add AI label" (below the share
 * screen's fold on a small phone); each checked on what the app recorded at publish. The tests
 * run at the same time, each on its own phone with its own files, as a rack's phones do.
 */
const rig = usePostRig();

describe.concurrent("TikTok add_product_link", () => {
  test("adds the showcase's first product, its name confirmed", async () => {
    const tiktok = new TikTokApp({ uploadMs: 300, showcase: ["Linen Summer Shirt, relaxed fit, three colours", "Canvas Tote"] });
    const phone = await rig.phone([tiktok], GALAXY_A);
    const video = await rig.material("shop.mp4");
    const posting = await rig.run(phone, { platform: "tiktok", config: { material_list: [video.path], captions: "new in", add_product_link: 1 } });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    expect(onlyPost(tiktok.posts)).toMatchObject({ product: "Linen Summer Shirt, relaxed fit, three colours", caption: "new in" });
  });

  test("an account without a showcase ends 1005 at Products, saying what it needs, and posts nothing", async () => {
    const tiktok = new TikTokApp({ uploadMs: 300 });
    const phone = await rig.phone([tiktok], PIXEL_7);
    const video = await rig.material("no-shop.mp4");
    const posting = await rig.run(phone, { platform: "tiktok", config: { material_list: [video.path], add_product_link: 1 } });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: false, failCode: 1005, posted: false });
    expect(posting.outcome.remark).toContain("the account needs a TikTok Shop showcase");
    expect(tiktok.posts).toEqual([]);
  });
});

describe.concurrent("ai_label", () => {
  test("TikTok: More options, AI-generated content switched on and its pop-up confirmed", async () => {
    const tiktok = new TikTokApp({ uploadMs: 300 });
    const phone = await rig.phone([tiktok], GALAXY_A);
    const video = await rig.material("ai.mp4");
    const posting = await rig.run(phone, { platform: "tiktok", config: { material_list: [video.path], captions: "made with AI", ai_label: true } });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    expect(onlyPost(tiktok.posts)).toMatchObject({ aiLabel: true, caption: "made with AI" });
    expect(logText(posting)).toMatch(/AI-generated content: confirmed "Turn on"[\s\S]*AI-generated content: switched on/);
  });

  test("TikTok without it: the label stays off", async () => {
    const tiktok = new TikTokApp({ uploadMs: 300 });
    const phone = await rig.phone([tiktok], PIXEL_7);
    const video = await rig.material("no-ai.mp4");
    const posting = await rig.run(phone, { platform: "tiktok", config: { material_list: [video.path] } });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    expect(onlyPost(tiktok.posts).aiLabel).toBe(false);
  });

  test("TikTok: everything at once on a build with no known ids: a custom sound, its volume, a product, the label", async () => {
    const [, , , epic] = TIKTOK_SOUNDS;
    const tiktok = new TikTokApp({ build: TIKTOK_46, uploadMs: 300, soundLoadMs: 600, showcase: ["Canvas Tote"] });
    const phone = await rig.phone([tiktok], PIXEL_7);
    const video = await rig.material("all.mp4");
    const config = { material_list: [video.path], captions: "Title##all of it", add_sound: "custom", custom_sound_keyword: soundLink(epic!), add_sound_volume: 65, add_product_link: 1, ai_label: true };
    const posting = await rig.run(phone, { platform: "tiktok", config });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    expect(onlyPost(tiktok.posts)).toMatchObject({ title: "Title", caption: "all of it", sound: epic?.title, volumes: { original: 50, added: 65 }, product: "Canvas Tote", aiLabel: true });
  });

  test.each([
    ["a small phone, the row below the fold", GALAXY_A, true],
    ["a tall phone", PIXEL_7, false],
  ])("Instagram reel on %s: Add AI label switched on", async (_label, profile, scrolls) => {
    const instagram = new InstagramApp({ uploadMs: 300 });
    const phone = await rig.phone([instagram], profile);
    const video = await rig.material(`ig-ai-${profile.identity.model}.mp4`);
    const posting = await rig.run(phone, { platform: "instagram", config: { material_list: [video.path], captions: "AI reel", ai_label: true } });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    expect(onlyPost(instagram.posts)).toMatchObject({ placement: "reel", aiLabel: true, caption: "AI reel" });
    expect(phone.commands.some((command) => command.startsWith("input swipe")), "scrolled to the row").toBe(scrolls);
  });

  test("Instagram feed post of two images: labelled", async () => {
    const instagram = new InstagramApp({ uploadMs: 300 });
    const phone = await rig.phone([instagram], GALAXY_A);
    const images = [await rig.material("ig-ai-1.jpg"), await rig.material("ig-ai-2.jpg")];
    const posting = await rig.run(phone, { platform: "instagram", config: { content_type: 1, image_count: 2, material_list: images.map((i) => i.path), ai_label: 1 } });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    expect(onlyPost(instagram.posts)).toMatchObject({ placement: "feed", aiLabel: true });
  });

  test("an Instagram build from before AI labels ends 1005 naming the label, nothing posted", async () => {
    const instagram = new InstagramApp({ build: INSTAGRAM_263, uploadMs: 300 });
    const phone = await rig.phone([instagram], PIXEL_7);
    const video = await rig.material("ig-old.mp4");
    const posting = await rig.run(phone, { platform: "instagram", config: { material_list: [video.path], ai_label: true } });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: false, failCode: 1005, posted: false });
    expect(posting.outcome.remark).toContain('"Add AI label" did not appear');
    expect(instagram.posts).toEqual([]);
  });
});
