import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { makeTempDir, removeDir } from "../testing/temp-dir";
import { findAdb } from "./find-adb";

let dir = "";

beforeAll(async () => {
  dir = await makeTempDir("find-adb");
  for (const sub of ["empty", "tools", "not-executable", "windows"]) await mkdir(join(dir, sub));
  await writeFile(join(dir, "tools", "adb"), "#!/bin/sh\n", { mode: 0o755 });
  await writeFile(join(dir, "not-executable", "adb"), "", { mode: 0o644 });
  await writeFile(join(dir, "windows", "adb.exe"), "");
  await mkdir(join(dir, "folder", "adb"), { recursive: true });
  await chmod(join(dir, "folder", "adb"), 0o755);
});

afterAll(() => removeDir(dir));

test("finds the first executable adb on PATH, skipping folders and files that cannot run", async () => {
  const path = ["", join(dir, "empty"), join(dir, "folder"), join(dir, "not-executable"), join(dir, "tools")].join(":");
  expect(await findAdb({ PATH: path }, "linux")).toBe(join(dir, "tools", "adb"));
});

test("finds nothing when no PATH entry has adb", async () => {
  expect(await findAdb({ PATH: [join(dir, "empty"), join(dir, "windows")].join(":") }, "linux")).toBeUndefined();
  expect(await findAdb({}, "darwin")).toBeUndefined();
});

test("on Windows looks for adb.exe, in Path spelled any way and entries in quotes", async () => {
  expect(await findAdb({ Path: `${join(dir, "empty")};"${join(dir, "windows")}"` }, "win32")).toBe(join(dir, "windows", "adb.exe"));
});
