import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { INSTAGRAM_263, InstagramApp, PIXEL_7, soundLink, TIKTOK_SOUNDS, TikTokApp } from "../../../fake-phone";
import { logText, onlyPost, usePostRig } from "./post-script.testkit";

/**
 * Where a post's caption and material come from, on the fake phone: a local folder as TikMatrix
 * lays it out (an @username folder, caption.txt, sound_urls.txt, each file posted once), and a
 * multiline caption's line for the task's place in its create.
 */
const rig = usePostRig();

async function folder(name: string, files: Record<string, string | Buffer>): Promise<string> {
  const root = join(rig.dir, name);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(root, path, ".."), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return root;
}

describe("material_source localFolder", () => {
  test("the account's @username folder and its caption.txt; each video once, then 1004", async () => {
    const [a, b] = [Buffer.from("video a"), Buffer.from("video b")];
    const root = await folder("studio", { "root.mp4": "root video", "@alice/a.mp4": a, "@alice/b.mp4": b, "@alice/caption.txt": "{Hello|Hi}##from alice's folder" });
    const tiktok = new TikTokApp({ uploadMs: 300, accounts: ["alice"] });
    const phone = await rig.phone([tiktok], PIXEL_7);
    const config = { material_source: "localFolder", material_path: root, captions: "ignored: caption.txt stands in" };
    for (let run = 0; run < 2; run++) {
      const posting = await rig.run(phone, { platform: "tiktok", config, username: "alice" });
      expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    }
    expect(tiktok.posts.map((post) => post.media[0]?.data.toString()).sort()).toEqual(["video a", "video b"]);
    expect(tiktok.posts.map((post) => [/^(Hello|Hi)$/.test(post.title), post.caption])).toEqual([[true, "from alice's folder"], [true, "from alice's folder"]]);

    const third = await rig.run(phone, { platform: "tiktok", config, username: "alice" });
    expect(third.outcome).toMatchObject({ ok: false, failCode: 1004, posted: false });
    expect(third.outcome.remark).toContain("2 of its 2 video files were posted already");
    expect(tiktok.posts).toHaveLength(2);
  });

  test("useSound with the folder's sound_urls.txt, its lines in turn", async () => {
    const [, kagefumi, , epic] = TIKTOK_SOUNDS;
    const root = await folder("sounds", { "1.mp4": "one", "2.mp4": "two", "sound_urls.txt": `${soundLink(epic!)}\n${soundLink(kagefumi!)}\n` });
    const tiktok = new TikTokApp({ uploadMs: 300, soundLoadMs: 500 });
    const phone = await rig.phone([tiktok], PIXEL_7);
    for (let run = 0; run < 2; run++) {
      const posting = await rig.run(phone, { platform: "tiktok", config: { material_source: "localFolder", material_path: root, post_way: "useSound" } });
      expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    }
    expect(tiktok.posts.map((post) => post.sound)).toEqual([epic?.title, kagefumi?.title]);
  });

  test("a run that fails before its publishing tap leaves its file unused", async () => {
    const root = await folder("once", { "only.mp4": "the only video" });
    const old = new InstagramApp({ build: INSTAGRAM_263, uploadMs: 300 });
    const phone = await rig.phone([old], PIXEL_7);
    const config = { material_source: "localFolder", material_path: root };
    const failed = await rig.run(phone, { platform: "instagram", config: { ...config, ai_label: true } });
    expect(failed.outcome, logText(failed)).toMatchObject({ ok: false, failCode: 1005 });
    const posted = await rig.run(phone, { platform: "instagram", config });
    expect(posted.outcome, logText(posted)).toMatchObject({ ok: true });
    expect(onlyPost(old.posts).media[0]?.data.toString()).toBe("the only video");
  });
});

describe("caption_format multiline", () => {
  test("the task's place in its create picks its line; ### is a line break", async () => {
    const tiktok = new TikTokApp({ uploadMs: 300 });
    const phone = await rig.phone([tiktok], PIXEL_7);
    const video = await rig.material("lines.mp4");
    const captions = "first caption\nsecond###with a break\nthird";
    for (const requestIndex of [1, 5]) {
      const posting = await rig.run(phone, { platform: "tiktok", config: { material_list: [video.path], captions }, requestIndex });
      expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    }
    expect(tiktok.posts.map((post) => post.caption)).toEqual(["second\nwith a break", "third"]);
  });

  test("spintax keeps the whole text", async () => {
    const instagram = new InstagramApp({ uploadMs: 300 });
    const phone = await rig.phone([instagram], PIXEL_7);
    const video = await rig.material("whole.mp4");
    const posting = await rig.run(phone, { platform: "instagram", config: { material_list: [video.path], captions: "line one\nline two", caption_format: "spintax" }, requestIndex: 1 });
    expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
    expect(onlyPost(instagram.posts).caption).toBe("line one\nline two");
  });
});
