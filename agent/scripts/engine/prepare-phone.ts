import { FailCode } from "../../../shared/fail-codes";
import { AdbError, DeviceGoneError } from "../../adb/errors";
import { shellLine } from "../../adb/shell-text";
import type { PhoneDriver } from "../../adb/phone-driver";
import type { AppData, Grant } from "../apps/app-data";
import { bindRefs } from "../ui/selector";
import { ScriptFailure } from "./script-failure";

/** The task's package (e.g. a clone), or the first of the app's known packages that is installed. */
export async function installedPackage(driver: PhoneDriver, app: AppData, named: string | null): Promise<string> {
  const candidates = named === null ? app.packages : [named];
  for (const candidate of candidates) {
    const found = await driver.shell(shellLine`pm path ${candidate}`);
    if (found.exitCode === 0 && found.stdout.includes("package:")) return candidate;
  }
  throw new ScriptFailure(FailCode.AppNotInstalled, `${appName(app)} is not installed on this phone (looked for ${candidates.join(", ")})`);
}

export interface AppBuild {
  version: string | undefined;
  /** The screen data with each `ref` filled from this build's ids, when the data knows the build. */
  app: AppData;
  /** False when the data keeps ids per build but none for this one. */
  known: boolean;
}

/**
 * The installed version, and the screen data bound to it: TikTok's resource ids change with
 * every build, so the data keeps them per "major.minor" and a build it does not know is
 * walked by texts, descriptions and layout alone.
 */
export async function appBuild(driver: PhoneDriver, app: AppData, packageName: string): Promise<AppBuild> {
  const version = await driver.packageVersion(packageName).catch((error: unknown) => {
    // A phone whose dumpsys does not answer is walked without ids, not failed.
    if (error instanceof AdbError && !(error instanceof DeviceGoneError)) return undefined;
    throw error;
  });
  const key = version === undefined ? undefined : /^(\d+\.\d+)/.exec(version)?.[1];
  const ids = key === undefined ? undefined : app.builds[key];
  return { version, app: bindRefs(app, ids), known: ids !== undefined || Object.keys(app.builds).length === 0 };
}

/** The runtime permissions each grant stands for, by SDK level (Android 13 split storage into media kinds). */
function permissionsOf(grant: Grant, sdk: number): string[] {
  switch (grant) {
    case "photos":
      return sdk >= 33 ? ["android.permission.READ_MEDIA_IMAGES", "android.permission.READ_MEDIA_VIDEO"] : ["android.permission.READ_EXTERNAL_STORAGE"];
    case "camera":
      return ["android.permission.CAMERA"];
    case "microphone":
      return ["android.permission.RECORD_AUDIO"];
    case "notifications":
      return sdk >= 33 ? ["android.permission.POST_NOTIFICATIONS"] : [];
  }
}

/**
 * Grants what posting needs before the app starts, so no permission dialog stands in the way
 * ("Don't allow" on the photo request would leave the gallery empty). A grant the phone
 * refuses (some makers need "USB debugging (Security settings)") is only noted: the walker
 * then answers the dialog itself (android.json).
 */
export async function grantPermissions(driver: PhoneDriver, app: AppData, packageName: string, sdk: number, note: (message: string) => Promise<void>): Promise<void> {
  const refused: string[] = [];
  for (const permission of app.grant.flatMap((grant) => permissionsOf(grant, sdk))) {
    const result = await driver.shell(shellLine`pm grant ${packageName} ${permission}`);
    if (result.exitCode !== 0) refused.push(`${permission.replace("android.permission.", "")}: ${lastLine(result.stderr || result.stdout)}`);
  }
  if (refused.length > 0) await note(`pm grant refused (the dialogs will be answered instead): ${refused.join("; ").slice(0, 600)}`);
}

export function appName(app: AppData): string {
  return app.platform === "tiktok" ? "TikTok" : "Instagram";
}

function lastLine(text: string): string {
  const lines = text.trim().split("\n").filter((line) => !/^\s+at /.test(line));
  return (lines.at(-1) ?? "").trim().slice(0, 200);
}
