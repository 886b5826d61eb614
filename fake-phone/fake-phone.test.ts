import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import type { Client } from "@devicefarmer/adbkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestAdbServer } from "./testing/adb-server.js";
import { Adb } from "./testing/adbkit.js";
import { HomeScreen } from "./screen/home-screen.js";
import { FakePhone } from "./phone.js";
import { runShellV2 } from "./adb/shell-v2.js";

const TIKTOK = "com.zhiliaoapp.musically";

let adb: TestAdbServer;
let client: Client;
let phone: FakePhone;
const screen = new HomeScreen();

beforeAll(async () => {
  adb = await TestAdbServer.start();
  client = Adb.createClient({ host: "127.0.0.1", port: adb.port });
  phone = await FakePhone.start({ packages: [TIKTOK], screen });
  await attach(phone);
});

afterAll(async () => {
  await phone.stop();
  await adb.kill();
});

describe("a fake phone behind the real adb server", () => {
  it("is listed as an online device", async () => {
    const devices = await deadline(client.listDevices());
    expect(devices).toContainEqual({ id: phone.serial, type: "device" });
  });

  it("a phone whose USB-debugging prompt nobody accepted is listed unauthorized, and runs nothing", async () => {
    const locked = await FakePhone.start({ usbDebugging: "prompt" });
    try {
      const connected = await adb.run(["connect", locked.serial]);
      expect(connected.stdout + connected.stderr).toMatch(/authenticate|connected to/);
      const until = Date.now() + 10_000;
      let state: string | undefined;
      while (Date.now() < until && state !== "unauthorized") {
        state = (await deadline(client.listDevices())).find((d) => d.id === locked.serial)?.type;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(state).toBe("unauthorized");
      await expect(deadline(client.getDevice(locked.serial).shell("echo hi"))).rejects.toThrow(/unauthorized|device/i);
      expect(locked.received).toEqual([]);
    } finally {
      await adb.run(["disconnect", locked.serial]);
      await locked.stop();
    }
  });

  it("answers shell commands with their output", async () => {
    const output = await shellText(`getprop ro.build.version.sdk`);
    expect(output).toBe("34\n");
    expect(await shellText("wm size")).toBe("Physical size: 1080x2400\n");
    expect(phone.commands).toContain("wm size");
  });

  it("reports exit codes over shell v2", async () => {
    const device = client.getDevice(phone.serial);
    const installed = await deadline(runShellV2(device, `pm path ${TIKTOK}`));
    expect(installed.exitCode).toBe(0);
    expect(installed.stdout.toString()).toMatch(/^package:\/data\/app\/.*base\.apk\n$/);
    const missing = await deadline(runShellV2(device, "pm path com.instagram.android"));
    expect(missing).toMatchObject({ exitCode: 1 });
    expect(missing.stdout.length).toBe(0);
  });

  it("passes the exit code to the adb CLI", async () => {
    const missing = await adb.run(["-s", phone.serial, "shell", "pm path nope"]);
    expect(missing.exitCode).not.toBe(0);
    const present = await adb.run(["-s", phone.serial, "shell", `pm path ${TIKTOK}`]);
    expect(present).toMatchObject({ exitCode: 0, stdout: expect.stringContaining("package:") });
  });

  it("stores a pushed file byte for byte", async () => {
    const content = randomBytes(5 * 1024 * 1024);
    const started = performance.now();
    const transfer = await deadline(client.getDevice(phone.serial).push(toStream(content), "/sdcard/DCIM/Camera/push.bin"));
    await deadline(new Promise<void>((resolve, reject) => {
      transfer.on("end", resolve);
      transfer.on("error", reject);
    }));
    const seconds = (performance.now() - started) / 1000;
    console.info(`push 5 MB through adbkit: ${(5 / seconds).toFixed(0)} MB/s`);
    expect(phone.files.read("/sdcard/DCIM/Camera/push.bin")?.data.equals(content)).toBe(true);
  });

  it("answers stat and pull from its storage", async () => {
    phone.files.write("/sdcard/Download/hello.txt", Buffer.from("hello"));
    const stat = await deadline(client.getDevice(phone.serial).stat("/sdcard/Download/hello.txt"));
    expect(stat.size).toBe(5);
    const pulled = await readAll(await deadline(client.getDevice(phone.serial).pull("/sdcard/Download/hello.txt")));
    expect(pulled.toString()).toBe("hello");
  });

  it("takes a PNG screenshot", async () => {
    const png = await readAll(await deadline(client.getDevice(phone.serial).screencap()));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  it("hands key events and text to the screen in front, and records where taps land", async () => {
    const line = "input keyevent KEYCODE_WAKEUP && input tap 540 1200; input text 'hello%sworld'";
    await shellText(line);
    expect(phone.commands).toContain(line);
    expect(screen.events.slice(-2)).toEqual(["key KEYCODE_WAKEUP", "text hello world"]);
    expect(phone.events.at(-1)).toBe("tap 540 1200 → com.android.launcher3/com.android.launcher3.uioverrides.QuickstepLauncher");
  });

  it("writes a fresh UI dump that cat reads back", async () => {
    const xml = await shellText("rm -f /sdcard/ui.xml; uiautomator dump /sdcard/ui.xml >/dev/null && cat /sdcard/ui.xml");
    expect(xml).toMatch(/^<\?xml .*<hierarchy .*bounds="\[0,0\]\[1080,2400\]"/);
  });

  it("keeps stderr apart from stdout over shell v2", async () => {
    const result = await deadline(runShellV2(client.getDevice(phone.serial), "cat /sdcard/none.txt || echo fallback"));
    expect(result).toMatchObject({ exitCode: 0 });
    expect(result.stdout.toString()).toBe("fallback\n");
    expect(result.stderr.toString()).toContain("No such file or directory");
  });

  it("receives a file pushed with the adb CLI", async () => {
    const dir = await mkdtemp(join(tmpdir(), "fake-phone-"));
    try {
      const content = randomBytes(5 * 1024 * 1024);
      await writeFile(join(dir, "clip.mp4"), content);
      const started = performance.now();
      const pushed = await adb.run(["-s", phone.serial, "push", join(dir, "clip.mp4"), "/sdcard/DCIM/Camera/"]);
      console.info(`push 5 MB through the adb CLI: ${(5 / ((performance.now() - started) / 1000)).toFixed(0)} MB/s`);
      expect(pushed.exitCode).toBe(0);
      // The CLI stats the target first (STA2): a directory gets the file's own name appended.
      expect(phone.files.read("/sdcard/DCIM/Camera/clip.mp4")?.data.equals(content)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("disappears at once when disconnected", async () => {
    const second = await FakePhone.start();
    try {
      await attach(second);
      const result = await adb.run(["disconnect", second.serial]);
      expect(result.exitCode).toBe(0);
      const devices = await deadline(client.listDevices());
      expect(devices.map((d) => d.id)).not.toContain(second.serial);
    } finally {
      await second.stop();
    }
  });
});

async function attach(target: FakePhone): Promise<void> {
  const connected = await adb.run(["connect", target.serial]);
  expect(connected.stdout).toContain("connected to");
  // The server first lists a new device "offline", then "device" once CNXN is answered.
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    const devices = await deadline(client.listDevices());
    if (devices.some((d) => d.id === target.serial && d.type === "device")) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${target.serial} never came online`);
}

async function shellText(command: string): Promise<string> {
  const stream = await deadline(client.getDevice(phone.serial).shell(command));
  return (await readAll(stream)).toString("utf8");
}

// adbkit calls have no deadline by default; a hung fake phone should fail the test quickly.
function deadline<T>(promise: PromiseLike<T>, ms = 10_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    Promise.resolve(promise).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function toStream(content: Buffer): Readable {
  // A byte stream, not an object stream: adbkit cuts DATA chunks with read(64 KiB), which an
  // object-mode stream ignores, and adbd rejects chunks over 64 KiB.
  return Readable.from([content], { objectMode: false });
}
