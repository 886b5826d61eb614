import { isAndroidPackage } from "../../shared/android-package";
import type { PhoneHealth } from "../../shared/protocol/messages";
import { AdbError, DeviceGoneError } from "../adb/errors";
import type { PhoneDriver } from "../adb/phone-driver";
import { shellLine } from "../adb/shell-text";
import { type BatteryReading, parseBatteryDump } from "./battery";
import { parseScreenOn } from "./screen";
import { parseDfFree } from "./storage";

/** The protocol's limits on `apps` (shared/protocol/messages.ts, phoneHealth). */
const MAX_APPS = 20;
const MAX_VERSION = 64;

/**
 * The phone's condition over adb: battery (`dumpsys battery`), screen (`dumpsys power`), free
 * storage on /sdcard (`df -k /sdcard`) and the installed versions of `packages` (`dumpsys
 * package`). A command that fails or answers something unreadable leaves its figure null (an
 * app: absent) and the others stand; a phone that has gone (DeviceGoneError) rejects, as does
 * anything that is no adb failure. Each command runs under the driver's deadline.
 */
export async function readPhoneHealth(driver: PhoneDriver, packages: readonly string[]): Promise<PhoneHealth> {
  const [battery, screenOn, storageFree, apps] = await Promise.all([
    unlessFailed<BatteryReading>(async () => parseBatteryDump((await driver.shell(shellLine`dumpsys battery`)).stdout), {
      level: null,
      charging: null,
      temperatureC: null,
    }),
    unlessFailed(async () => parseScreenOn((await driver.shell(shellLine`dumpsys power`)).stdout), null),
    // stdout whatever the exit: toolbox's df fails on "-k" and still prints /sdcard's line.
    unlessFailed(async () => parseDfFree((await driver.shell(shellLine`df -k /sdcard`)).stdout), null),
    appVersions(driver, packages),
  ]);
  return {
    battery_level: battery.level,
    charging: battery.charging,
    battery_temperature_c: battery.temperatureC,
    screen_on: screenOn,
    storage_free_bytes: storageFree,
    apps,
  };
}

/** One after the other: each `dumpsys package` walks the package manager's state. */
async function appVersions(driver: PhoneDriver, packages: readonly string[]): Promise<PhoneHealth["apps"]> {
  const wanted = [...new Set(packages)].filter(isAndroidPackage).slice(0, MAX_APPS);
  const apps: PhoneHealth["apps"] = [];
  for (const name of wanted) {
    const version = await unlessFailed(() => driver.packageVersion(name), undefined);
    if (version !== undefined && version !== "") apps.push({ package: name, version: version.slice(0, MAX_VERSION) });
  }
  return apps;
}

/** `read`'s value, or `fallback` when adb failed for this command alone. */
async function unlessFailed<T>(read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AdbError && !(error instanceof DeviceGoneError)) return fallback;
    throw error;
  }
}
