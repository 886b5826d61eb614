import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { type FolderRequest, LocalFolders } from "./local-folder";
import { MaterialRoots } from "./material-roots";
import { materialRefusal as refusal } from "../../testing/material-error";

let dir = "";
let root = "";
let ledger = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "tikmatrix-folder-"));
  root = join(dir, "material");
  ledger = join(dir, "state", "local-folders.json");
  await mkdir(root);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function files(folder: string, names: readonly string[], content = "data"): Promise<void> {
  await mkdir(folder, { recursive: true });
  await Promise.all(names.map((name) => writeFile(join(folder, name), content)));
}

const video = (extra: Partial<FolderRequest> = {}): FolderRequest => ({ root, username: null, kind: "video", count: 1, wantsSound: false, random: () => 0, roots: new MaterialRoots([dir]), ...extra });
const images = (count: number, extra: Partial<FolderRequest> = {}): FolderRequest => video({ kind: "image", count, ...extra });


describe("which folder", () => {
  test("the account's @username folder is preferred, matched without regard to case", async () => {
    await files(root, ["root.mp4"]);
    await files(join(root, "@Alice_Posts"), ["alice.mp4"]);
    const pick = await new LocalFolders(ledger).pick(video({ username: "alice_posts" }));
    expect(pick).toMatchObject({ folder: join(root, "@Alice_Posts"), files: [join(root, "@Alice_Posts", "alice.mp4")] });
  });

  test("the root when the account has no folder, or the task names no account", async () => {
    await files(root, ["root.mp4"]);
    await files(join(root, "@bob"), ["bob.mp4"]);
    const folders = new LocalFolders(ledger);
    const carol = await folders.pick(video({ username: "carol" }));
    expect(carol.files).toEqual([join(root, "root.mp4")]);
    carol.release();
    expect((await folders.pick(video())).files).toEqual([join(root, "root.mp4")]);
  });

  test("a missing root or a file as the root is an error naming it", async () => {
    await files(dir, ["x.mp4"]);
    expect(await refusal(new LocalFolders(ledger).pick(video({ root: join(dir, "nope") })))).toBe(`material_path "${join(dir, "nope")}" does not exist`);
    expect(await refusal(new LocalFolders(ledger).pick(video({ root: join(dir, "x.mp4") })))).toBe(`material_path "${join(dir, "x.mp4")}" is not a folder`);
  });
});

describe("which files", () => {
  test("a video at random among the folder's videos, hidden files and subfolders left out", async () => {
    await files(root, ["b.mov", "a.mp4", "c.MKV", "photo.jpg", "notes.txt", ".hidden.mp4"]);
    await files(join(root, "sub"), ["deep.mp4"]);
    const pick = async (r: number) => (await new LocalFolders(ledger).pick(video({ random: () => r }))).files;
    expect(await pick(0)).toEqual([join(root, "a.mp4")]);
    expect(await pick(0.5)).toEqual([join(root, "b.mov")]);
    expect(await pick(0.99)).toEqual([join(root, "c.MKV")]);
  });

  test("images in sort_N_ order (by number, not by text), then the others by name", async () => {
    await files(root, ["zebra.jpg", "sort_10_last.png", "sort_2_second.jpg", "apple.jpg", "sort_1_first.webp", "clip.mp4"]);
    const pick = await new LocalFolders(ledger).pick(images(5));
    expect(pick.files.map((path) => path.slice(root.length + 1))).toEqual(["sort_1_first.webp", "sort_2_second.jpg", "sort_10_last.png", "apple.jpg", "zebra.jpg"]);
  });

  test("a file that went out is not picked again, also by the next agent run", async () => {
    await files(root, ["sort_1_a.jpg", "sort_2_b.jpg", "sort_3_c.jpg"]);
    const first = await new LocalFolders(ledger).pick(images(2));
    await first.commit();
    first.release();
    const again = new LocalFolders(ledger);
    expect((await again.pick(images(1))).files).toEqual([join(root, "sort_3_c.jpg")]);
    expect(JSON.parse(await readFile(ledger, "utf8"))).toMatchObject({ version: 1, used: { [root]: ["sort_1_a.jpg", "sort_2_b.jpg"] } });
  });

  test("a file another run holds is not picked; released without commit, it is free again", async () => {
    await files(root, ["a.mp4", "b.mp4"]);
    const folders = new LocalFolders(ledger);
    const one = await folders.pick(video());
    const two = await folders.pick(video());
    expect([one.files, two.files]).toEqual([[join(root, "a.mp4")], [join(root, "b.mp4")]]);
    expect(await refusal(folders.pick(video()))).toContain("2 of its 2 video files were posted already");
    one.release();
    expect((await folders.pick(video())).files).toEqual([join(root, "a.mp4")]);
  });

  test("all used up is an error that says how to use them again", async () => {
    await files(root, ["only.mp4"]);
    const folders = new LocalFolders(ledger);
    await (await folders.pick(video())).commit();
    expect(await refusal(folders.pick(video()))).toBe(
      `material folder "${root}": 1 of its 1 video files were posted already (a file is posted once) and 1 needed; add files, or delete ${ledger} to use them all again`,
    );
  });

  test("too few files, or none of the kind, names the folder and the numbers", async () => {
    await files(root, ["1.jpg", "clip.mp4"]);
    expect(await refusal(new LocalFolders(ledger).pick(images(2)))).toBe(`material folder "${root}" has 1 image file(s), 2 needed`);
    await files(join(root, "@dan"), ["notes.txt"]);
    expect(await refusal(new LocalFolders(ledger).pick(video({ username: "dan" })))).toContain(`material folder "${join(root, "@dan")}" has no video files`);
  });

  test("a damaged record of used files stops the pick rather than reuse every file", async () => {
    await files(root, ["a.mp4"]);
    await files(join(dir, "state"), ["local-folders.json"], "{ not json");
    expect(await refusal(new LocalFolders(ledger).pick(video()))).toContain(`the record of used material files, ${ledger}, is damaged`);
  });
});

describe("caption.txt and the sound files", () => {
  test("caption.txt from the account's folder, else from the root", async () => {
    await files(root, ["a.mp4"]);
    await writeFile(join(root, "caption.txt"), "\uFEFFroot {caption|text}\nsecond line");
    await files(join(root, "@erin"), ["e.mp4"]);
    await writeFile(join(root, "@erin", "caption.txt"), "erin's own");
    await files(join(root, "@fay"), ["f.mp4"]);
    const folders = new LocalFolders(ledger);
    expect((await folders.pick(video({ username: "erin" }))).caption).toBe("erin's own");
    expect((await folders.pick(video({ username: "fay" }))).caption).toBe("root {caption|text}\nsecond line");
    expect((await folders.pick(video())).caption).toBe("root {caption|text}\nsecond line");
  });

  test("sound lines are read in order and loop, each line once a post; sound_urls.txt before sound_names.txt", async () => {
    await files(root, ["1.mp4", "2.mp4", "3.mp4", "4.mp4"]);
    await writeFile(join(root, "sound_names.txt"), "never used\n");
    await writeFile(join(root, "sound_urls.txt"), "https://www.tiktok.com/music/a-1\r\n\r\nhttps://www.tiktok.com/music/b-2\n");
    const folders = new LocalFolders(ledger);
    const sounds: Array<string | undefined> = [];
    for (let i = 0; i < 3; i++) {
      const pick = await folders.pick(video({ wantsSound: true }));
      sounds.push(pick.sound);
      await pick.commit();
    }
    expect(sounds).toEqual(["https://www.tiktok.com/music/a-1", "https://www.tiktok.com/music/b-2", "https://www.tiktok.com/music/a-1"]);
    // A post that did not go out does not use its line up.
    const failed = await folders.pick(video({ wantsSound: true }));
    failed.release();
    expect((await folders.pick(video({ wantsSound: true }))).sound).toBe(failed.sound);
  });

  test("the account's sound file wins over the root's; no sound is read when the post needs none", async () => {
    await files(root, ["a.mp4"]);
    await writeFile(join(root, "sound_names.txt"), "root sound\n");
    await files(join(root, "@gus"), ["g.mp4"]);
    await writeFile(join(root, "@gus", "sound_names.txt"), "gus sound\n");
    const folders = new LocalFolders(ledger);
    expect((await folders.pick(video({ username: "gus", wantsSound: true }))).sound).toBe("gus sound");
    expect((await folders.pick(video({ wantsSound: false }))).sound).toBeUndefined();
  });
});
