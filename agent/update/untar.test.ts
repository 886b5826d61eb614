import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fileInTarGz, untarGz } from "./untar";

// Tarballs made by the system's tar (GNU tar on Linux, bsdtar elsewhere), as npm's are made by a tar of its own.
let dir: string;
let withLink: Buffer;
let plain: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "untar-"));
  const tree = join(dir, "package");
  await mkdir(join(tree, "bin"), { recursive: true });
  await writeFile(join(tree, "bin", "node"), "the binary");
  await writeFile(join(tree, "LICENSE"), "MIT");
  await writeFile(join(dir, "plain.txt"), "plain");
  await symlink("bin/node", join(tree, "node-link"));
  execFileSync("tar", ["czf", join(dir, "with-link.tgz"), "-C", dir, "package"]);
  execFileSync("tar", ["czf", join(dir, "plain.tgz"), "-C", dir, "plain.txt"]);
  withLink = await readFile(join(dir, "with-link.tgz"));
  plain = await readFile(join(dir, "plain.tgz"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the tarball reader", () => {
  test("one file is taken out of a tarball that also holds a link, and nothing else is read out", () => {
    expect(fileInTarGz(withLink, "package/bin/node")?.toString()).toBe("the binary");
    expect(fileInTarGz(withLink, "package/node-link")).toBeUndefined();
    expect(fileInTarGz(withLink, "package/missing")).toBeUndefined();
  });

  test("unpacking refuses the link and unpacks plain files", async () => {
    await expect(untarGz(withLink, join(dir, "out-link"))).rejects.toThrow(/package\/node-link of type "2": only files and directories are unpacked/);
    expect(await untarGz(plain, join(dir, "out-plain"))).toEqual(["plain.txt"]);
    expect(await readFile(join(dir, "out-plain", "plain.txt"), "utf8")).toBe("plain");
  });
});
