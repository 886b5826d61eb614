import { AdbkitDriver } from "../adb";
import { shellLine } from "../adb/shell-text";
import { describePhone } from "../describe-phone";
import { parseDfFree } from "../health/storage";
import { formatBytes } from "../../shared/format-bytes";
import type { Platform } from "../../shared/platforms";
import type { AppData } from "../scripts/apps/app-data";
import { appBuild } from "../scripts/engine/prepare-phone";
import { ADB_KEYBOARD } from "../scripts/engine/text-entry";
import { type AdbServer, type ListedPhone, reason } from "./adb-server";
import { type Check, type CheckGroup, ok, problem } from "./check";

/**
 * Below this a post can fail: its video is pushed to /sdcard and the app writes its own copy
 * while editing. 1 GB as the phone's Settings > Storage shows it (powers of 1,000).
 */
const MIN_FREE_BYTES = 1_000_000_000;
/** The languages the screen data has texts in (scripts/apps/*.json). */
const UI_LANGUAGES = ["en", "zh"];
const APP_NAMES: Record<Platform, string> = { tiktok: "TikTok", instagram: "Instagram" };

/** What adb's states other than `device` mean for a person at the PC. */
const STATE_FIXES: Record<string, string> = {
  unauthorized: 'accept the USB debugging prompt on the phone (tick "Always allow from this computer"); no prompt? unplug and plug it in again',
  offline: "unplug the cable and plug it in again; if it stays offline, restart the adb server (adb kill-server, then tikmatrix-agent doctor again)",
  authorizing: "wait a few seconds for the phone to finish connecting, then run doctor again",
  "no permissions": "this user may not open the USB device: on Linux add a udev rule for the phone's vendor (or run adb as root), then plug it in again",
};

/** Everything doctor checks on one phone the adb server lists. */
export async function checkPhone(adb: AdbServer, phone: ListedPhone, apps: Record<Platform, AppData> | undefined): Promise<CheckGroup> {
  const title = `phone ${phone.serial}`;
  if (phone.state !== "device") {
    const fix = STATE_FIXES[phone.state] ?? `the phone is in "${phone.state}" mode: restart it into Android normally`;
    return { title, checks: [problem(`not ready: adb state "${phone.state}"`, fix)] };
  }
  const driver = new AdbkitDriver(adb.client, phone.serial, { timeoutMs: 10_000 });
  const described = await describePhone(driver).catch(() => undefined);
  const checks: Check[] = [ok("authorised (adb state: device)")];
  // One after the other: the lines keep a fixed order, and a phone busy with a task is asked little at once.
  const installed = await installedPackages(driver).catch((error: unknown) => {
    checks.push(problem(`could not read the installed packages: ${reason(error)}`, RETRY_FIX));
    return undefined;
  });
  if (installed !== undefined) {
    checks.push(keyboardCheck(installed, phone.serial));
    // Without the screen data (doctor reports why) the apps' builds cannot be matched to it.
    if (apps !== undefined) checks.push(...(await attempt("read the apps' versions", () => appChecks(driver, installed, apps))));
  }
  checks.push(...(await attempt("read the system language", async () => [await languageCheck(driver)])));
  checks.push(...(await attempt("read the free storage", async () => [await storageCheck(driver)])));
  const what = described === undefined ? "" : ` (${[described.model, described.androidVersion === "" ? "" : `Android ${described.androidVersion}`].filter((part) => part !== "").join(", ")})`;
  return { title: `${title}${what}`, checks };
}

function keyboardCheck(installed: ReadonlySet<string>, serial: string): Check {
  return installed.has(ADB_KEYBOARD.package)
    ? ok("ADBKeyBoard installed (captions and comments beyond ASCII: emoji, accents, Chinese)")
    : problem(
        "ADBKeyBoard is not installed: captions and comments with emoji, accents or other scripts fail on this phone",
        `install it (https://github.com/senzhk/ADBKeyBoard): adb -s ${serial} install ADBKeyboard.apk`,
      );
}

/** Each app with its version, and whether the screen data knows that build's ids. No app at all is the problem. */
async function appChecks(driver: AdbkitDriver, installed: ReadonlySet<string>, apps: Record<Platform, AppData>): Promise<Check[]> {
  const found = (Object.keys(apps) as Platform[]).map((platform) => ({ platform, pkg: apps[platform].packages.find((pkg) => installed.has(pkg)) }));
  if (found.every(({ pkg }) => pkg === undefined)) {
    return [problem("neither TikTok nor Instagram is installed", "install TikTok or Instagram from the Play Store and sign in to the account the phone posts as")];
  }
  const checks: Check[] = [];
  for (const { platform, pkg } of found) {
    const name = APP_NAMES[platform];
    if (pkg === undefined) {
      checks.push(ok(`${name} not installed (only ${found.filter((other) => other.pkg !== undefined).map((other) => APP_NAMES[other.platform]).join(" and ")} tasks can run here)`));
      continue;
    }
    const build = await appBuild(driver, apps[platform], pkg);
    const known = build.known ? "" : `; no screen ids for this build in ${platform}.json, so its screens are found by text and layout`;
    checks.push(ok(`${name} ${build.version ?? "(version not told)"} (${pkg}${known})`));
  }
  return checks;
}

async function languageCheck(driver: AdbkitDriver): Promise<Check> {
  let locale = "";
  // persist.sys.locale once the user picked a language; the factory's until then.
  for (const property of ["persist.sys.locale", "ro.product.locale"]) {
    locale = (await driver.shell(shellLine`getprop ${property}`)).stdout.trim();
    if (locale !== "") break;
  }
  const fix = "set the phone's language to English or Chinese (Settings > System > Languages): the screen data has texts in those two only, and the apps follow the phone's language";
  if (locale === "") return problem("the phone does not say its language", fix);
  const language = locale.split(/[-_]/)[0]?.toLowerCase() ?? "";
  return UI_LANGUAGES.includes(language) ? ok(`system language ${locale}`) : problem(`system language ${locale}`, fix);
}

async function storageCheck(driver: AdbkitDriver): Promise<Check> {
  // stdout whatever the exit, as health/ reads it: Android 6's toolbox df fails on "-k" and still prints /sdcard's line.
  const df = await driver.shell(shellLine`df -k /sdcard`);
  const free = parseDfFree(df.stdout);
  if (free === null) {
    return problem(`cannot read the free storage from df (exit ${df.exitCode}): ${(df.stderr || df.stdout).trim().slice(0, 200)}`, "check Settings > Storage on the phone: keep at least 1 GB free");
  }
  return free >= MIN_FREE_BYTES
    ? ok(`free storage ${formatBytes(free)} on /sdcard`)
    : problem(`free storage ${formatBytes(free)} on /sdcard: a post pushes its video there and the app saves its own copy`, "free at least 1 GB: delete old videos (DCIM, Movies) or clear the apps' caches in Settings > Storage");
}

/** `pm list packages`: "package:<name>" per line. */
async function installedPackages(driver: AdbkitDriver): Promise<Set<string>> {
  const listed = await driver.shell(shellLine`pm list packages`);
  if (listed.exitCode !== 0) throw new Error(`pm list packages exited ${listed.exitCode}: ${(listed.stderr || listed.stdout).trim().slice(0, 200)}`);
  return new Set(listed.stdout.split("\n").flatMap((line) => (line.trim().startsWith("package:") ? [line.trim().slice("package:".length)] : [])));
}

const RETRY_FIX = "check the cable and that the phone is on, then run doctor again";

/** A check that could not be made is a problem too: doctor says so rather than guess. */
async function attempt(what: string, checks: () => Promise<Check[]>): Promise<Check[]> {
  try {
    return await checks();
  } catch (error) {
    return [problem(`could not ${what}: ${reason(error)}`, RETRY_FIX)];
  }
}
