import { randomBytes } from "node:crypto";
import type { Client } from "@devicefarmer/adbkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakePhone, HomeScreen, textResult } from "../../fake-phone";
import { TestAdbServer } from "../../fake-phone/testing";
import { AdbkitDriver } from "./adbkit-driver";
import { Adb } from "./adbkit";
import { DeviceGoneError } from "./errors";
import { shellLine } from "./shell-text";

const TIKTOK = "com.zhiliaoapp.musically";

/** A launcher whose `am start` fails the way a renamed share activity does, yet exits 0. */
class QuietFailureScreen extends HomeScreen {
  override startActivity(args: string[]) {
    const component = args[args.indexOf("-n") + 1] ?? "";
    return textResult(`Starting: Intent { cmp=${component} }\nError: Activity class {${component}} does not exist.\n`, 0);
  }
}

let adb: TestAdbServer;
let client: Client;
let phone: FakePhone;
let driver: AdbkitDriver;

beforeAll(async () => {
  adb = await TestAdbServer.start();
  client = Adb.createClient({ host: "127.0.0.1", port: adb.port });
  phone = await FakePhone.start({ packages: [TIKTOK] });
  await attach(phone);
  driver = new AdbkitDriver(client, phone.serial, { timeoutMs: 5_000 });
});

afterAll(async () => {
  await phone.stop();
  await adb.kill();
});

describe("AdbkitDriver against a phone behind the real adb server", () => {
  it("returns a command's stdout and exit code", async () => {
    const installed = await driver.shell(shellLine`pm path ${TIKTOK}`);
    expect(installed.exitCode).toBe(0);
    expect(installed.stdout).toMatch(/^package:.*base\.apk\n$/);
    const missing = await driver.shell(shellLine`pm path com.instagram.android`);
    expect(missing.exitCode).not.toBe(0);
  });

  it("keeps stderr apart from stdout", async () => {
    const result = await driver.shell(shellLine`cat /sdcard/none.txt`);
    expect(result).toMatchObject({ stdout: "", exitCode: 1 });
    expect(result.stderr).toContain("No such file or directory");
  });

  it("pushes bytes that arrive exactly", async () => {
    const content = randomBytes(300 * 1024 + 7);
    await driver.push(content, "/sdcard/DCIM/Camera/clip.mp4");
    expect(phone.files.read("/sdcard/DCIM/Camera/clip.mp4")?.data.equals(content)).toBe(true);
  });

  it("takes a PNG screenshot", async () => {
    const png = await driver.screencap();
    expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
  });

  it("dumps the UI as XML from a fresh file each time", async () => {
    const xml = await driver.uiDump();
    expect(xml).toMatch(/^<\?xml .*<hierarchy /);
    await driver.uiDump();
    const dumps = phone.commands.filter((line) => line.includes("uiautomator dump"));
    const paths = dumps.map((line) => /dump (\S+)/.exec(line)?.[1]);
    expect(new Set(paths).size).toBe(dumps.length);
  });

  it("reads the screen size, its density and the SDK level", async () => {
    expect(await driver.screenSize()).toEqual({ width: 1080, height: 2400 });
    expect(await driver.density()).toBe(420);
    expect(await driver.sdkLevel()).toBe(34);
  });

  it("reads whether the keyboard is up, and an app's version, from dumpsys", async () => {
    expect(await driver.keyboardShown()).toBe(false);
    expect(await driver.packageVersion(TIKTOK)).toBe("1.0");
    expect(await driver.packageVersion("com.example.absent")).toBeUndefined();
  });

  it("sends taps, swipes, text and key events", async () => {
    await driver.tap(540.4, 1200);
    await driver.swipe({ x: 540, y: 1800 }, { x: 540.6, y: 600 }, 300);
    await driver.text("hello world");
    await driver.key("KEYCODE_WAKEUP");
    expect(phone.commands.slice(-4)).toEqual(["input tap 540 1200", "input swipe 540 1800 541 600 300", "input text hello%sworld", "input keyevent KEYCODE_WAKEUP"]);
  });

  it("reports an activity that does not exist as a failure", async () => {
    const started = await driver.startActivity(["-a", "android.intent.action.SEND", "-n", `${TIKTOK}/.Gone`]);
    expect(started.ok).toBe(false);
    expect(started.output).toContain("Error: Activity class");
  });

  it("reports an Error: line as a failure even when am exits 0", async () => {
    const quiet = await FakePhone.start({ screen: new QuietFailureScreen() });
    try {
      await attach(quiet);
      const started = await new AdbkitDriver(client, quiet.serial).startActivity(["-n", `${TIKTOK}/.Gone`]);
      expect(started.ok).toBe(false);
    } finally {
      await adb.run(["disconnect", quiet.serial]);
      await quiet.stop();
    }
  });

  it("rejects quickly with DeviceGoneError once the phone is disconnected", async () => {
    const leaving = await FakePhone.start();
    try {
      await attach(leaving);
      const gone = new AdbkitDriver(client, leaving.serial, { timeoutMs: 5_000 });
      expect((await gone.shell(shellLine`echo hi`)).stdout).toBe("hi\n");
      expect((await adb.run(["disconnect", leaving.serial])).exitCode).toBe(0);
      const started = performance.now();
      await expect(gone.shell(shellLine`echo hi`)).rejects.toBeInstanceOf(DeviceGoneError);
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      await leaving.stop();
    }
  });
});

async function attach(target: FakePhone): Promise<void> {
  const connected = await adb.run(["connect", target.serial]);
  expect(connected.stdout).toContain("connected to");
  // The server first lists a new device "offline", then "device" once CNXN is answered.
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    const devices = await client.listDevices();
    if (devices.some((d) => d.id === target.serial && d.type === "device")) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${target.serial} never came online`);
}
