import { describe, expect, it } from "vitest";
import {
  type DeviceProfile,
  type FakePhoneOptions,
  GALAXY_A,
  INSTAGRAM_410,
  INSTAGRAM_PACKAGE,
  InstagramApp,
  PIXEL_7,
  TIKTOK_43,
  TIKTOK_PACKAGE,
  TikTokApp,
} from "../../fake-phone";
import { type PhoneShell, useHarness } from "../../fake-phone/testing";
import { phoneHealth } from "../../shared/protocol/messages";
import { AdbkitDriver } from "../adb/adbkit-driver";
import { AdbTimeoutError, DeviceGoneError } from "../adb/errors";
import type { PhoneDriver } from "../adb/phone-driver";
import type { ShellLine } from "../adb/shell-text";
import { readPhoneHealth } from "./read-health";

const APPS = [TIKTOK_PACKAGE, INSTAGRAM_PACKAGE];
const GiB = 1024 ** 3;
/** A Galaxy A on Android 6: toolbox's df, BatteryService without the Android 7+ lines. */
const GALAXY_ANDROID_6: DeviceProfile = { ...GALAXY_A, name: "galaxy-a-android-6", sdk: 23 };

const harness = useHarness();

async function phoneWith(options: FakePhoneOptions = {}): Promise<{ shell: PhoneShell; driver: AdbkitDriver }> {
  const shell = await harness.phone({ apps: [new TikTokApp({ build: TIKTOK_43 }), new InstagramApp({ build: INSTAGRAM_410 })], ...options });
  return { shell, driver: new AdbkitDriver(harness.client, shell.phone.serial, { timeoutMs: 10_000 }) };
}

describe("readPhoneHealth on phones behind the real adb server", () => {
  it("reads a charging phone at 85 % whole, in the protocol's shape", async () => {
    const { driver } = await phoneWith({ condition: { batteryLevel: 85, plugged: "usb", storageFreeBytes: 11 * GiB } });
    const health = await readPhoneHealth(driver, APPS);
    expect(health).toEqual({
      battery_level: 85,
      charging: true,
      battery_temperature_c: 31.5,
      screen_on: true,
      storage_free_bytes: 11 * GiB,
      apps: [
        { package: TIKTOK_PACKAGE, version: TIKTOK_43.versionName },
        { package: INSTAGRAM_PACKAGE, version: INSTAGRAM_410.versionName },
      ],
    });
    expect(phoneHealth.parse(health)).toEqual(health);
  });

  it("reads a hot phone off its charger, and a full one still plugged in as charging", async () => {
    const { shell, driver } = await phoneWith({ condition: { batteryLevel: 41, plugged: "none", batteryTemperatureC: 47.3 } });
    expect(await readPhoneHealth(driver, APPS)).toMatchObject({ battery_level: 41, charging: false, battery_temperature_c: 47.3 });
    shell.phone.condition.set({ batteryLevel: 100, plugged: "ac", batteryTemperatureC: 58 });
    expect(await readPhoneHealth(driver, [])).toMatchObject({ battery_level: 100, charging: true, battery_temperature_c: 58 });
  });

  it("reads a battery whose scale is not 100 as a percentage", async () => {
    const { driver } = await phoneWith({ condition: { batteryScale: 50, batteryLevel: 19 } });
    expect((await readPhoneHealth(driver, [])).battery_level).toBe(38);
  });

  it("tells a sleeping or dozing screen from one that is on, and sees the agent wake it", async () => {
    const { shell, driver } = await phoneWith({ condition: { wakefulness: "Asleep" } });
    expect((await readPhoneHealth(driver, [])).screen_on).toBe(false);
    shell.phone.condition.set({ wakefulness: "Dozing" });
    expect((await readPhoneHealth(driver, [])).screen_on).toBe(false);
    await driver.key("KEYCODE_WAKEUP");
    expect((await readPhoneHealth(driver, [])).screen_on).toBe(true);
    await driver.key("KEYCODE_POWER");
    expect((await readPhoneHealth(driver, [])).screen_on).toBe(false);
  });

  it("reads free storage from toybox's df on Android 7+ and from toolbox's on Android 6", async () => {
    const free = 6 * GiB + 300 * 1024 ** 2;
    const toybox = await phoneWith({ profile: GALAXY_A, condition: { storageFreeBytes: free } });
    // 4 KiB blocks: what an app may write, to the block.
    expect((await readPhoneHealth(toybox.driver, [])).storage_free_bytes).toBe(Math.floor(free / 4096) * 4096);

    const toolbox = await phoneWith({ profile: GALAXY_ANDROID_6, condition: { storageFreeBytes: free } });
    const old = await readPhoneHealth(toolbox.driver, APPS);
    // Toolbox prints tenths of a G and counts the blocks kept for root as free.
    expect(old.storage_free_bytes).toBeGreaterThan(free);
    expect(Math.abs((old.storage_free_bytes ?? 0) - free)).toBeLessThan(0.25 * GiB);
    expect(old).toMatchObject({ battery_level: 80, charging: true, battery_temperature_c: 31.5, screen_on: true });
    expect(old.apps).toHaveLength(2);
    expect(toolbox.shell.phone.received).toContainEqual({ line: "df -k /sdcard", exitCode: 1 });
  });

  it("lists only the apps that are installed", async () => {
    const { driver } = await phoneWith({ apps: [new TikTokApp({ build: TIKTOK_43 })] });
    const health = await readPhoneHealth(driver, [...APPS, "com.example.not_there", "not a package; reboot"]);
    expect(health.apps).toEqual([{ package: TIKTOK_PACKAGE, version: TIKTOK_43.versionName }]);
  });

  it("leaves the battery's figures null when dumpsys battery tells nothing, and reads the rest", async () => {
    const { shell, driver } = await phoneWith({ profile: PIXEL_7, condition: { batteryService: false } });
    const health = await readPhoneHealth(driver, APPS);
    expect(health).toMatchObject({ battery_level: null, charging: null, battery_temperature_c: null, screen_on: true, storage_free_bytes: expect.any(Number) });
    expect(health.apps).toHaveLength(2);
    // Run without its battery, a phone's level and temperature are made up: only the charger is real.
    shell.phone.condition.set({ batteryService: true, batteryPresent: false });
    expect(await readPhoneHealth(driver, [])).toMatchObject({ battery_level: null, charging: true, battery_temperature_c: null });
  });

  it("keeps the other figures when one command fails", async () => {
    const { driver } = await phoneWith({ condition: { batteryLevel: 64 } });
    const hanging = failing(driver, (line) => line.startsWith("dumpsys power"));
    const health = await readPhoneHealth(hanging, APPS);
    expect(health).toMatchObject({ battery_level: 64, screen_on: null, storage_free_bytes: expect.any(Number) });
    expect(health.apps).toHaveLength(2);
  });

  it("rejects with DeviceGoneError once the phone has left", async () => {
    const { shell, driver } = await phoneWith();
    expect((await harness.adb.run(["disconnect", shell.phone.serial])).exitCode).toBe(0);
    await expect(readPhoneHealth(driver, APPS)).rejects.toBeInstanceOf(DeviceGoneError);
  });
});

/** The driver, but the shell lines `matches` picks hang past their deadline. */
function failing(driver: PhoneDriver, matches: (line: string) => boolean): PhoneDriver {
  return new Proxy(driver, {
    get(target, property, receiver) {
      if (property === "shell") {
        return (line: ShellLine) => (matches(line) ? Promise.reject(new AdbTimeoutError(`shell ${line}`, 10_000)) : target.shell(line));
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
