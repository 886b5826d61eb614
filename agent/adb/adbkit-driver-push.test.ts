import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Client } from "@devicefarmer/adbkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakePhone } from "../../fake-phone";
import { TestAdbServer } from "../../fake-phone/testing";
import { AdbkitDriver } from "./adbkit-driver";
import { Adb } from "./adbkit";
import { AdbError, AdbTimeoutError } from "./errors";
import { shellLine } from "./shell-text";

// A file given by path goes through the driver's own sync framing (sync-push.ts), not
// adbkit's: these check it end to end, through the real adb server to a fake phone.

const MiB = 2 ** 20;
const REMOTE = "/sdcard/DCIM/Camera/clip.mp4";

let adb: TestAdbServer;
let client: Client;
let phone: FakePhone;
let driver: AdbkitDriver;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tikmatrix-driver-push-"));
  adb = await TestAdbServer.start();
  client = Adb.createClient({ host: "127.0.0.1", port: adb.port });
  phone = await FakePhone.start();
  const connected = await adb.run(["connect", phone.serial]);
  expect(connected.stdout).toContain("connected to");
  const until = Date.now() + 10_000;
  while (!(await client.listDevices()).some((d) => d.id === phone.serial && d.type === "device")) {
    if (Date.now() > until) throw new Error(`${phone.serial} never came online`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  driver = new AdbkitDriver(client, phone.serial, { timeoutMs: 5_000, pushTimeoutMs: 20_000 });
});

afterAll(async () => {
  await phone.stop();
  await adb.kill();
  await rm(dir, { recursive: true, force: true });
});

/** Every 4 bytes its own offset: a frame lost, repeated or out of order does not compare equal. */
function pattern(size: number): Buffer {
  const out = Buffer.alloc(size, 0xa5);
  for (let i = 0; i + 4 <= size; i += 4) out.writeUInt32LE(i, i);
  return out;
}

async function localFile(name: string, content: Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe("AdbkitDriver.push of a local file", () => {
  it("delivers a file larger than its two read buffers byte for byte, mode 0644 and mtime now", async () => {
    const content = pattern(5 * MiB + 12_345);
    const before = Math.floor(Date.now() / 1000);
    await driver.push(await localFile("big.bin", content), REMOTE);
    const stored = phone.files.read(REMOTE);
    phone.files.remove(REMOTE);
    expect(stored?.data.length).toBe(content.length);
    expect(stored?.data.equals(content)).toBe(true);
    expect(stored?.mode).toBe(0o100644);
    expect(stored?.mtime).toBeGreaterThanOrEqual(before);
    expect(stored?.mtime).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
  });

  it("delivers an empty file", async () => {
    await driver.push(await localFile("empty.bin", Buffer.alloc(0)), REMOTE);
    expect(phone.files.read(REMOTE)?.data.length).toBe(0);
    phone.files.remove(REMOTE);
  });

  it("rejects with an AdbError naming the push when the local file is missing", async () => {
    const pushed = driver.push(join(dir, "absent.mp4"), REMOTE);
    await expect(pushed).rejects.toBeInstanceOf(AdbError);
    await expect(pushed).rejects.toThrow(`push ${REMOTE} on ${phone.serial}: ENOENT`);
  });

  it("rejects with the phone's reason when the phone refuses the file mid-push", async () => {
    // The fake phone, like adbd, FAILs a SEND whose path it cannot take, before the data.
    const tooLong = `/sdcard/${"x".repeat(5_000)}.mp4`;
    const pushed = driver.push(await localFile("refused.bin", pattern(8 * MiB)), tooLong);
    await expect(pushed).rejects.toBeInstanceOf(AdbError);
    await expect(pushed).rejects.toThrow("path too long");
    expect(phone.files.paths()).toEqual([]);
  });

  it("stops a push at its deadline, leaves nothing on the phone, and the next push works", async () => {
    const path = await localFile("slow.bin", pattern(48 * MiB));
    const hurried = new AdbkitDriver(client, phone.serial, { timeoutMs: 5_000, pushTimeoutMs: 40 });
    const started = performance.now();
    await expect(hurried.push(path, REMOTE)).rejects.toBeInstanceOf(AdbTimeoutError);
    expect(performance.now() - started).toBeLessThan(1_000);
    // Long enough for a push that went on regardless to have finished on loopback.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(phone.files.read(REMOTE)).toBeUndefined();
    expect((await driver.shell(shellLine`echo still here`)).stdout).toBe("still here\n");
    const small = pattern(100_000);
    await driver.push(await localFile("after.bin", small), REMOTE);
    expect(phone.files.read(REMOTE)?.data.equals(small)).toBe(true);
    phone.files.remove(REMOTE);
  });
});
