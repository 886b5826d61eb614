import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { chmod, mkdir, mkdtemp, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { postConfigSchema } from "../../../shared/scripts/post";
import { LocalFolders } from "./local-folder";
import { MaterialRoots } from "./material-roots";
import { resolveMaterials, type ResolveOptions } from "./materials";
import { materialRefusal as failure } from "../../testing/material-error";
import { unusedLibrary } from "../../testing/library";
import type { LibraryMaterial } from "../../../shared/protocol/messages";

let dir = "";
let cacheDir = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "tikmatrix-materials-"));
  cacheDir = join(dir, "cache");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A config as the agent gets it: the stored script_config through the shared schema. */
const config = (fields: Record<string, unknown>) => postConfigSchema.parse(fields);
const options = (extra: Partial<ResolveOptions> = {}): ResolveOptions => ({
  cacheDir,
  signal: new AbortController().signal,
  folders: new LocalFolders(join(dir, "state", "local-folders.json")),
  username: null,
  // The test's folder is the agent's material folder; the cache is allowed as PostScript allows it.
  roots: new MaterialRoots([dir], [cacheDir, join(dir, "library")]),
  library: { materials: [], cache: unusedLibrary(join(dir, "library")) },
  ...extra,
});
/** The materials alone, for a material_list. */
const listed = async (fields: Record<string, unknown>, extra: Partial<ResolveOptions> = {}) => (await resolveMaterials(config(fields), options(extra))).materials;

async function file(name: string, content = "data"): Promise<string> {
  const path = join(dir, name);
  await mkdir(join(path, ".."), { recursive: true });
  await writeFile(path, content);
  return path;
}


describe("material_list", () => {
  test("a video post uses the first entry, checked and described", async () => {
    const video = await file("clip.MP4", "12345");
    const other = await file("other.mp4");
    expect(await listed({ material_list: [video, other] })).toEqual([
      { localPath: video, kind: "video", ext: ".mp4", bytes: 5, source: video },
    ]);
  });

  test("an images post uses the first image_count entries, in order", async () => {
    const paths = [await file("a.jpg"), await file("b.PNG"), await file("c.webp")];
    const materials = await listed({ content_type: 1, image_count: 2, material_list: paths });
    expect(materials.map((m) => [m.source, m.kind, m.ext])).toEqual([
      [paths[0], "image", ".jpg"],
      [paths[1], "image", ".png"],
    ]);
  });

  test("fewer images than image_count is an error naming both numbers", async () => {
    const paths = [await file("a.jpg"), await file("b.jpg")];
    expect(await failure(resolveMaterials(config({ content_type: 1, image_count: 3, material_list: paths }), options()))).toBe(
      "image_count asks for 3 images but material_list has only 2 entries",
    );
  });

  test("an image for a video post is refused, naming the file and what was expected", async () => {
    const photo = await file("photo.jpg");
    expect(await failure(resolveMaterials(config({ material_list: [photo] }), options()))).toBe(
      `material "${photo}" is a .jpg file; content_type 0 needs a video (.mp4 .m4v .mov .webm .mkv .3gp)`,
    );
  });

  test("a video for an images post, or a file without extension, is refused", async () => {
    const video = await file("clip.mov");
    const bare = await file("README");
    expect(await failure(resolveMaterials(config({ content_type: 1, material_list: [video] }), options()))).toContain(`"${video}" is a .mov file; content_type 1 needs images`);
    expect(await failure(resolveMaterials(config({ material_list: [bare] }), options()))).toContain(`"${bare}" has no file extension`);
  });

  test("a missing file, a folder, an empty file and a pipe are refused with the path and the reason", async () => {
    const missing = join(dir, "gone.mp4");
    const folder = join(dir, "folder.mp4");
    await mkdir(folder);
    const empty = await file("empty.mp4", "");
    const pipe = join(dir, "pipe.mp4");
    await promisify(execFile)("mkfifo", [pipe]);
    const reason = (path: string) => failure(resolveMaterials(config({ material_list: [path] }), options()));
    expect(await reason(missing)).toBe(`material "${missing}" does not exist`);
    expect(await reason(folder)).toBe(`material "${folder}" is a folder, not a file`);
    expect(await reason(empty)).toBe(`material "${empty}" is empty (0 bytes)`);
    expect(await reason(pipe)).toBe(`material "${pipe}" is not a regular file`);
  });

  test.skipIf(process.platform === "win32" || process.getuid?.() === 0)("an unreadable file is refused", async () => {
    const locked = await file("locked.mp4");
    await chmod(locked, 0o000);
    expect(await failure(resolveMaterials(config({ material_list: [locked] }), options()))).toBe(`material "${locked}" cannot be read: permission denied`);
  });

  test("a Windows drive path is a path, not a URL", async () => {
    // Not "cannot download": judged as a path on this PC, and here it lies in no material folder.
    expect(await failure(resolveMaterials(config({ material_list: ["C:/Videos/video1.mp4"] }), options()))).toBe(
      `material "C:/Videos/video1.mp4" is outside the agent's material folders (${dir}): add its folder to material_roots in the agent's config`,
    );
  });

  test.runIf(process.platform === "win32")("on Windows, drive paths work with either slash", async () => {
    const video = await file("Videos/a.mp4");
    const forward = video.replaceAll("\\", "/");
    for (const path of [video, forward]) {
      const [material] = await listed({ material_list: [path] });
      expect(material?.bytes).toBe(4);
    }
  });

  test("an https URL already in the cache is used without a request", async () => {
    // Port 1 refuses connections: a request would fail the test.
    const url = "https://127.0.0.1:1/videos/clip.mp4?sig=abc";
    await mkdir(cacheDir);
    const cached = join(cacheDir, `${createHash("sha256").update(url).digest("hex")}.mp4`);
    await writeFile(cached, "video bytes");
    expect(await listed({ material_list: [url] })).toEqual([
      { localPath: cached, kind: "video", ext: ".mp4", bytes: 11, source: url },
    ]);
  });

  test("an https URL that cannot be downloaded is a MaterialError without the query", async () => {
    const message = await failure(resolveMaterials(config({ material_list: ["https://127.0.0.1:1/clip.mp4?sig=secret"] }), options({ download: { allowedNetworks: ["127.0.0.1/32"] } })));
    expect(message).toMatch(/^cannot download https:\/\/127\.0\.0\.1:1\/clip\.mp4\?…: .*ECONNREFUSED/);
    expect(message).not.toContain("secret");
  });

  test("a downloaded file of the wrong kind names the URL and where it was saved", async () => {
    const url = "https://127.0.0.1:1/photo.jpg";
    await mkdir(cacheDir);
    const cached = join(cacheDir, `${createHash("sha256").update(url).digest("hex")}.jpg`);
    await writeFile(cached, "jpeg");
    expect(await failure(resolveMaterials(config({ material_list: [url] }), options()))).toBe(
      `material "${url}" (downloaded to "${cached}") is a .jpg file; content_type 0 needs a video (.mp4 .m4v .mov .webm .mkv .3gp)`,
    );
  });

  test("an aborted run stops before checking files, with the abort reason", async () => {
    const controller = new AbortController();
    const reason = new Error("stopped");
    controller.abort(reason);
    await expect(resolveMaterials(config({ material_list: [await file("a.mp4")] }), options({ signal: controller.signal }))).rejects.toBe(reason);
  });
});

describe("library materials", () => {
  /** A library material as the run describes it, its bytes already in the agent's cache. */
  async function cached(id: number, ext: LibraryMaterial["ext"], caption = "", content = `bytes of ${id}`): Promise<LibraryMaterial> {
    const sha256 = createHash("sha256").update(content).digest("hex");
    await mkdir(join(dir, "library"), { recursive: true });
    await writeFile(join(dir, "library", `${sha256}${ext}`), content);
    return { id, sha256, size: Buffer.byteLength(content), ext, caption };
  }
  const withLibrary = (materials: LibraryMaterial[]): Partial<ResolveOptions> => ({ library: { materials, cache: unusedLibrary(join(dir, "library")) } });

  test("the library's pick, sent with the run, is what a post with no material_list uses, its caption standing in", async () => {
    const first = await cached(7, ".jpg", "");
    const second = await cached(3, ".png", "Summer##from the library");
    const resolved = await resolveMaterials(config({ content_type: 1, image_count: 2 }), options(withLibrary([first, second])));
    expect(resolved.materials.map((m) => [m.source, m.kind, m.ext, m.bytes])).toEqual([
      ["lib:7", "image", ".jpg", first.size],
      ["lib:3", "image", ".png", second.size],
    ]);
    expect(resolved.materials[0]?.localPath).toBe(join(dir, "library", `${first.sha256}.jpg`));
    expect(resolved.libraryCaption).toBe("Summer##from the library");
    resolved.release();
  });

  test("lib:<id> entries of material_list take their material from the run, beside files", async () => {
    const photo = await file("a.jpg");
    const named = await cached(12, ".webp");
    const materials = await listed({ content_type: 1, image_count: 2, material_list: [photo, "lib:12"] }, withLibrary([named]));
    expect(materials.map((m) => m.source)).toEqual([photo, "lib:12"]);
  });

  test("a run without the library material it needs, or with too few, is refused naming what is missing", async () => {
    expect(await failure(resolveMaterials(config({ material_list: ["lib:5"] }), options()))).toBe(
      "material_list names lib:5, and the server sent no such library material with the run (is the agent older than the server?)",
    );
    const one = await cached(1, ".jpg");
    expect(await failure(resolveMaterials(config({ content_type: 1, image_count: 2 }), options(withLibrary([one]))))).toBe(
      "the post takes 2 from the material library, and the server sent 1 with the run (is the agent older than the server?)",
    );
  });

  test("a library material of the wrong kind is refused as any file is", async () => {
    const image = await cached(4, ".jpg");
    expect(await failure(resolveMaterials(config({}), options(withLibrary([image]))))).toMatch(/^material lib:4 \(kept in ".*"\) is a \.jpg file; content_type 0 needs a video/);
  });
});

describe("material folders (material_roots)", () => {
  test("a listed file outside every material folder is refused, naming the rule and the folders", async () => {
    const elsewhere = await mkdtemp(join(tmpdir(), "tikmatrix-documents-"));
    try {
      const contract = join(elsewhere, "contract.mp4");
      await writeFile(contract, "not a video");
      expect(await failure(resolveMaterials(config({ material_list: [contract] }), options()))).toBe(
        `material "${contract}" is outside the agent's material folders (${dir}): add its folder to material_roots in the agent's config`,
      );
      // The same file is fine once its folder is a root.
      const [material] = await listed({ material_list: [contract] }, { roots: new MaterialRoots([dir, elsewhere]) });
      expect(material?.bytes).toBe(11);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  test("a `..` out of the folder is refused before the file is looked at", async () => {
    const escape = join(dir, "..", "somewhere", "video.mp4");
    expect(await failure(resolveMaterials(config({ material_list: [escape] }), options()))).toContain(`material "${escape}" is outside the agent's material folders`);
  });

  test.skipIf(process.platform === "win32")("a link in the folder to a file outside is refused; the file pushed is the one checked", async () => {
    const elsewhere = await mkdtemp(join(tmpdir(), "tikmatrix-documents-"));
    try {
      await writeFile(join(elsewhere, "secret.mp4"), "secret");
      await symlink(join(elsewhere, "secret.mp4"), join(dir, "clip.mp4"));
      expect(await failure(resolveMaterials(config({ material_list: [join(dir, "clip.mp4")] }), options()))).toContain("is outside the agent's material folders");
      // A link that stays inside is pushed as its target, the real path that was checked.
      const target = await file("2024/a.mp4", "video");
      await symlink(target, join(dir, "latest.mp4"));
      const [material] = await listed({ material_list: [join(dir, "latest.mp4")] });
      expect(material).toMatchObject({ localPath: await realpath(target), ext: ".mp4", bytes: 5 });
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  test("a material_path outside every material folder is refused", async () => {
    const elsewhere = await mkdtemp(join(tmpdir(), "tikmatrix-documents-"));
    try {
      await writeFile(join(elsewhere, "a.mp4"), "video");
      expect(await failure(resolveMaterials(config({ material_source: "localFolder", material_path: elsewhere }), options()))).toBe(
        `material_path "${elsewhere}" is outside the agent's material folders (${dir}): add its folder to material_roots in the agent's config`,
      );
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  test.skipIf(process.platform === "win32")("in a local folder, a linked file and a linked caption.txt that lead out are refused, and a linked account folder is not used", async () => {
    const elsewhere = await mkdtemp(join(tmpdir(), "tikmatrix-documents-"));
    const media = join(dir, "media");
    const folderConfig = config({ material_source: "localFolder", material_path: media });
    try {
      await writeFile(join(elsewhere, "secret.mp4"), "secret");
      await writeFile(join(elsewhere, "notes.txt"), "private notes");
      await mkdir(media);
      await symlink(join(elsewhere, "secret.mp4"), join(media, "a.mp4"));
      expect(await failure(resolveMaterials(folderConfig, options()))).toBe(
        `material "${join(media, "a.mp4")}" is outside the agent's material folders (${dir}): add its folder to material_roots in the agent's config`,
      );
      await rm(join(media, "a.mp4"));
      await file("media/b.mp4", "video");
      // caption.txt's text would be posted as the caption: a link out is refused, not read.
      await symlink(join(elsewhere, "notes.txt"), join(media, "caption.txt"));
      expect(await failure(resolveMaterials(folderConfig, options()))).toBe(
        `"${join(media, "caption.txt")}" is outside the agent's material folders (${dir}): add its folder to material_roots in the agent's config`,
      );
      await rm(join(media, "caption.txt"));
      // A link named like the account's folder is not taken for it: the root's own file is.
      await symlink(elsewhere, join(media, "@alice"));
      const picked = await resolveMaterials(folderConfig, options({ username: "alice" }));
      picked.folder?.release();
      expect(picked.materials.map((m) => m.localPath)).toEqual([await realpath(join(media, "b.mp4"))]);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });
});

describe("a local folder", () => {
  test("is where an empty material_list takes its files from, each checked like a listed one", async () => {
    await file("media/empty.mp4", "");
    const folderConfig = config({ material_source: "localFolder", material_path: join(dir, "media") });
    expect(await failure(resolveMaterials(folderConfig, options()))).toBe(`material "${join(dir, "media", "empty.mp4")}" is empty (0 bytes)`);
    // The failed pick let go of the file: a second look finds it again (and fails the same way).
    expect(await failure(resolveMaterials(folderConfig, options()))).toContain("is empty");
  });
});
