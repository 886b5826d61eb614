import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { type DevServer, startDevServer } from "../testing/dev-server";
import { materialError } from "../testing/material-error";
import { type LibraryMaterial, LibraryCache } from "./library-cache";

let server: DevServer;
let dir = "";
const signal = new AbortController().signal;

beforeAll(async () => {
  server = await startDevServer();
}, 120_000);
afterAll(async () => {
  await server.stop();
});
beforeEach(async () => {
  dir = join(await mkdtemp(join(tmpdir(), "tikmatrix-library-")), "library");
  return () => rm(join(dir, ".."), { recursive: true, force: true });
});

let seed = 0;
/** A fresh MP4-looking file uploaded through the real API; what the server says of it. */
async function uploaded(size: number): Promise<{ material: LibraryMaterial; bytes: Buffer }> {
  seed += 1;
  const bytes = Buffer.alloc(size, seed);
  bytes.set([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, seed], 0);
  const response = await server.request("/materials", { method: "POST", headers: { "content-type": "video/mp4" }, body: bytes });
  const answer = (await response.json()) as { code: number; data: { id: number; sha256: string; size: number } };
  expect(answer.code).toBe(0);
  return { material: { id: answer.data.id, sha256: answer.data.sha256, size: answer.data.size, ext: ".mp4" }, bytes };
}

const cache = (maxBytes = 10_000_000) => new LibraryCache({ server: server.baseUrl, token: server.agentToken, dir, maxBytes });

describe("LibraryCache", () => {
  test("fetches a material's exact bytes, then serves it from the cache", async () => {
    const { material, bytes } = await uploaded(200_000);
    const library = cache();
    const path = await library.acquire(material, signal);
    expect(path).toBe(join(dir, `${material.sha256}.mp4`));
    expect(await readFile(path)).toEqual(bytes);
    library.release(path);
    // Gone from the server, still served: the second acquire did not ask for it.
    await server.api("DELETE", `/materials/${material.id}`);
    expect(await readFile(await library.acquire(material, signal))).toEqual(bytes);
  });

  test("resumes a download that broke off from the bytes it kept", async () => {
    const { material, bytes } = await uploaded(300_000);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `${material.sha256}.mp4.part`), bytes.subarray(0, 123_456));
    const path = await cache().acquire(material, signal);
    expect(createHash("sha256").update(await readFile(path)).digest("hex")).toBe(material.sha256);
    expect(await readdir(dir)).toEqual([`${material.sha256}.mp4`]);
  });

  test("starts over once when the kept bytes were wrong, and refuses bytes that never match", async () => {
    const { material, bytes } = await uploaded(100_000);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `${material.sha256}.mp4.part`), Buffer.alloc(50_000, 0xee));
    expect(await readFile(await cache().acquire(material, signal))).toEqual(bytes);

    const lie = { ...material, sha256: "0".repeat(64) };
    const error = await materialError(cache().acquire(lie, signal));
    expect(error.message).toBe(`the bytes of library material ${material.id} do not match its SHA-256 (000000000000…, got ${material.sha256.slice(0, 12)}…)`);
    expect((await readdir(dir)).filter((name) => name.startsWith("0000"))).toEqual([]);
  });

  test("keeps within its bound, evicting the least recently used, never a file in use", async () => {
    const library = cache(250_000);
    const a = await uploaded(100_000);
    const b = await uploaded(100_000);
    const c = await uploaded(100_000);
    const pathA = await library.acquire(a.material, signal);
    const pathB = await library.acquire(b.material, signal);
    library.release(pathB);
    await utimes(pathB, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000)); // the older
    // a is still held: b goes, although a was fetched first.
    await library.acquire(c.material, signal);
    expect((await readdir(dir)).sort()).toEqual([`${a.material.sha256}.mp4`, `${c.material.sha256}.mp4`].sort());
    expect((await stat(pathA)).size).toBe(100_000);
  });

  test("sweep removes what a crashed run left half-downloaded", async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `${"a".repeat(64)}.mp4.part`), "half");
    await writeFile(join(dir, `${"b".repeat(64)}.mp4`), "whole");
    await cache().sweep();
    expect(await readdir(dir)).toEqual([`${"b".repeat(64)}.mp4`]);
  });

  test("a material the server does not have is a clear failure", async () => {
    const error = await materialError(cache().acquire({ id: 999_999, sha256: "c".repeat(64), size: 10, ext: ".mp4" }, signal));
    expect(error.message).toMatch(/^cannot fetch library material 999999: the server answered 404 .*material 999999 not found/);
  });
});
