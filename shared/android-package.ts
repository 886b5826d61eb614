import { z } from "zod";

/**
 * Android's rule for application ids: two or more dot-separated Java-style segments (letters,
 * digits and `_`, each segment starting with a letter), at most 255 characters. Checked where
 * a package name comes in (an account's `packagename`) and again where it goes to a phone
 * (the run message): a name that breaks it is never a real app, only a mistake or an attack.
 */
export const ANDROID_PACKAGE_PATTERN = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/;

export const ANDROID_PACKAGE_MAX = 255;

export const androidPackageSchema = z
  .string()
  .max(ANDROID_PACKAGE_MAX)
  .regex(ANDROID_PACKAGE_PATTERN, { message: "must be an Android package name such as com.zhiliaoapp.musically" });

export function isAndroidPackage(value: unknown): value is string {
  return androidPackageSchema.safeParse(value).success;
}
