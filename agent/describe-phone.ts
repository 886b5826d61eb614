import type { AdbkitDriver } from "./adb";
import { shellLine } from "./adb/shell-text";
import type { PhoneDescription } from "./fleet";

/** The phone's model and Android version, which hello carries to the server's device list. */
export async function describePhone(driver: AdbkitDriver): Promise<PhoneDescription> {
  const [model, androidVersion] = await Promise.all(
    ["ro.product.model", "ro.build.version.release"].map(async (property) => (await driver.shell(shellLine`getprop ${property}`)).stdout.trim()),
  );
  return { model: model ?? "", androidVersion: androidVersion ?? "" };
}
