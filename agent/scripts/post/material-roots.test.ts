import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path, { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { isWithin, MaterialRoots } from "./material-roots";
import { materialRefusal as refusal } from "../../testing/material-error";

let dir = "";
/** The one configured root; `outside` is its sibling, which no root holds. */
let root = "";
let outside = "";
beforeEach(async () => {
  // Real from the start, so expectations do not depend on the temp folder being a link (macOS).
  dir = await realpath(await mkdtemp(join(tmpdir(), "tikmatrix-roots-")));
  root = join(dir, "materials");
  outside = join(dir, "documents");
  await mkdir(root);
  await mkdir(outside);
  await writeFile(join(root, "clip.mp4"), "video");
  await writeFile(join(outside, "contract.pdf"), "secret");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});


const roots = () => new MaterialRoots([root]);
const outsideMessage = (label: string) => `${label} is outside the agent's material folders (${root}): add its folder to material_roots in the agent's config`;
const canLink = process.platform !== "win32"; // Windows needs a privilege for symbolic links

describe("MaterialRoots", () => {
  test("a file inside a root is allowed, as its real path", async () => {
    expect(await roots().check(join(root, "clip.mp4"), "material", "file")).toBe(join(root, "clip.mp4"));
    expect(await roots().check(root, "material_path", "folder")).toBe(root);
  });

  test("a `..` that climbs out of the root is refused", async () => {
    const escape = join(root, "..", "documents", "contract.pdf");
    expect(await refusal(roots().check(escape, `material "${escape}"`, "file"))).toBe(outsideMessage(`material "${escape}"`));
  });

  test("an absolute path elsewhere is refused, whether or not it exists", async () => {
    const there = join(outside, "contract.pdf");
    const missing = join(outside, "missing.pdf");
    expect(await refusal(roots().check(there, "material", "file"))).toBe(outsideMessage("material"));
    // The same words for a file that is not there: a refusal does not tell what exists.
    expect(await refusal(roots().check(missing, "material", "file"))).toBe(outsideMessage("material"));
  });

  test("a missing file inside a root is missing, not outside", async () => {
    expect(await refusal(roots().check(join(root, "gone.mp4"), "material", "file"))).toBe("material does not exist");
    expect(await roots().checkOptional(join(root, "caption.txt"), "caption.txt")).toBeUndefined();
  });

  test("a folder next to the root whose name starts like it is not inside", async () => {
    await mkdir(`${root}-old`);
    await writeFile(join(`${root}-old`, "a.mp4"), "x");
    expect(await refusal(roots().check(join(`${root}-old`, "a.mp4"), "material", "file"))).toBe(outsideMessage("material"));
  });

  test.runIf(canLink)("a link inside a root to a file outside is refused", async () => {
    const link = join(root, "innocent.mp4");
    await symlink(join(outside, "contract.pdf"), link);
    expect(await refusal(roots().check(link, "material", "file"))).toBe(outsideMessage("material"));
  });

  test.runIf(canLink)("a link inside a root to a folder outside is refused, and so is everything under it", async () => {
    const link = join(root, "shared");
    await symlink(outside, link);
    expect(await refusal(roots().check(link, "material_path", "folder"))).toBe(outsideMessage("material_path"));
    expect(await refusal(roots().check(join(link, "contract.pdf"), "material", "file"))).toBe(outsideMessage("material"));
    // Under the link, a missing file is outside too: nothing there is the root's.
    expect(await refusal(roots().checkOptional(join(link, "caption.txt"), "caption.txt"))).toBe(outsideMessage("caption.txt"));
  });

  test.runIf(canLink)("a link that stays inside the root is allowed, as the file it points to", async () => {
    await mkdir(join(root, "2024"));
    await writeFile(join(root, "2024", "a.mp4"), "video");
    await symlink(join(root, "2024", "a.mp4"), join(root, "latest.mp4"));
    expect(await roots().check(join(root, "latest.mp4"), "material", "file")).toBe(join(root, "2024", "a.mp4"));
  });

  test.runIf(canLink)("a root that is itself a link is compared by its real path", async () => {
    const linkedRoot = join(dir, "linked-materials");
    await symlink(root, linkedRoot);
    const viaLink = new MaterialRoots([linkedRoot]);
    expect(await viaLink.check(join(linkedRoot, "clip.mp4"), "material", "file")).toBe(join(root, "clip.mp4"));
    expect(await viaLink.check(join(root, "clip.mp4"), "material", "file")).toBe(join(root, "clip.mp4"));
    expect(await refusal(viaLink.check(join(outside, "contract.pdf"), "material", "file"))).toContain("is outside the agent's material folders");
  });

  test("the agent's own folders are allowed without being named", async () => {
    const cache = join(dir, "cache");
    await mkdir(cache);
    await writeFile(join(cache, "f.mp4"), "x");
    const withCache = new MaterialRoots([root], [cache]);
    expect(await withCache.check(join(cache, "f.mp4"), "material", "file")).toBe(join(cache, "f.mp4"));
    expect(withCache.outside("material").message).not.toContain(cache);
  });

  test("no roots at all: every local path is refused, and the message says none are set", async () => {
    expect(await refusal(new MaterialRoots([]).check(join(root, "clip.mp4"), "material", "file"))).toBe(
      "material is outside the agent's material folders (none are set): add its folder to material_roots in the agent's config",
    );
  });
});

describe("isWithin", () => {
  test.each([
    ["/srv/materials", "/srv/materials", true],
    ["/srv/materials", "/srv/materials/a/b.mp4", true],
    ["/srv/materials", "/srv/materials/..a.mp4", true],
    ["/srv/materials", "/srv/materials-old/a.mp4", false],
    ["/srv/materials", "/srv", false],
    ["/srv/materials", "/etc/passwd", false],
    ["/srv/Materials", "/srv/materials/a.mp4", false],
  ])("posix: %s holds %s: %s", (root, target, inside) => {
    expect(isWithin(root, target, path.posix)).toBe(inside);
  });

  test.each([
    ["C:\\Users\\Studio\\Materials", "C:\\Users\\Studio\\Materials\\a.mp4", true],
    ["C:\\Users\\Studio\\Materials", "c:\\users\\studio\\MATERIALS\\a.mp4", true],
    ["C:\\Users\\Studio\\Materials", "C:\\Users\\Studio\\Documents\\contract.pdf", false],
    ["C:\\Users\\Studio\\Materials", "D:\\Users\\Studio\\Materials\\a.mp4", false],
    ["C:\\Users\\Studio\\Materials", "C:\\Users\\Studio\\MaterialsX\\a.mp4", false],
    ["C:\\Users\\Studio\\Materials", "\\\\nas\\share\\a.mp4", false],
  ])("win32: %s holds %s: %s", (root, target, inside) => {
    expect(isWithin(root, target, path.win32)).toBe(inside);
  });
});
