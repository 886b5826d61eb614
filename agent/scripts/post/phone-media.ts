import { setTimeout as sleep } from "node:timers/promises";
import { FailCode } from "../../../shared/fail-codes";
import { AdbError } from "../../adb/errors";
import type { PhoneDriver } from "../../adb/phone-driver";
import { shellLine } from "../../adb/shell-text";
import { mediaTypeOf } from "./media-types";
import { ScriptFailure } from "../engine/script-failure";

/** A local file to put on the phone. */
export interface MediaFile {
  localPath: string;
  kind: "video" | "image";
  /** Lower-case, with the dot. */
  ext: string;
}

/** A file on the phone, indexed by the media store so apps can open it. */
export interface PhoneMedia {
  path: string;
  kind: "video" | "image";
  mime: string;
  /** content://media/external/{video|images}/media/<id> */
  uri: string;
}

// DCIM/Camera is indexed on every maker's phone; other folders are skipped by some galleries.
const CAMERA_DIR = "/sdcard/DCIM/Camera";
// The media store reports the real path, not the /sdcard link.
const STORAGE_ROOT = "/storage/emulated/0";

export interface PushOptions {
  /** Unique per run, so two runs never share a file name (`tikmatrix-<task>-<attempt>`). */
  prefix: string;
  signal: AbortSignal;
  /** How long the media scanner may take to index a file. */
  scanTimeoutMs?: number;
  /** Called with each file on the phone as soon as it is pushed, so cleanup sees it even if a later one fails. */
  onPushed: (path: string) => void;
}

/**
 * Pushes each file to DCIM/Camera, gives each its own modification time (the last one the
 * newest), asks the media scanner to index it and waits for its row. Galleries sort by
 * modification time in seconds, so files pushed within one second would tie, and a tie falls
 * in no order an app promises: the times are set, not left to the push.
 */
export async function pushMedia(driver: PhoneDriver, files: readonly MediaFile[], options: PushOptions): Promise<PhoneMedia[]> {
  const paths: string[] = [];
  for (const [index, file] of files.entries()) {
    options.signal.throwIfAborted();
    const path = `${CAMERA_DIR}/${options.prefix}-${index + 1}${file.ext}`;
    options.onPushed(path);
    await driver.push(file.localPath, path);
    paths.push(path);
  }
  if (paths.length > 1 && !(await setTimes(driver, paths))) {
    // No toybox touch with -d: push them again a second apart, so each push sets its own time.
    for (const [index, file] of files.entries()) {
      const path = paths[index];
      if (path === undefined) continue;
      if (index > 0) await sleep(1_100, undefined, { signal: options.signal });
      await driver.push(file.localPath, path);
    }
  }
  const pushed: PhoneMedia[] = [];
  for (const [index, path] of paths.entries()) {
    const file = files[index];
    if (file === undefined) continue;
    await scan(driver, path);
    const table = file.kind === "video" ? "video" : "images";
    const id = await mediaId(driver, table, path, options.signal, options.scanTimeoutMs ?? 15_000);
    pushed.push({ path, kind: file.kind, mime: mediaTypeOf(file.ext)?.mime ?? (file.kind === "video" ? "video/*" : "image/*"), uri: `content://media/external/${table}/media/${id}` });
  }
  return pushed;
}

/** Gives each file its own modification time, a second apart, the last the newest; false when `touch -d` fails. */
async function setTimes(driver: PhoneDriver, paths: readonly string[]): Promise<boolean> {
  const newest = Math.floor(Date.now() / 1000);
  for (const [index, path] of paths.entries()) {
    const touched = await driver.shell(shellLine`touch -d @${newest - (paths.length - 1 - index)} ${path}`);
    if (touched.exitCode !== 0) return false;
  }
  return true;
}

/** Deletes the files and rescans them, so no dead entry is left in the phone's gallery. */
export async function removeMedia(driver: PhoneDriver, paths: readonly string[]): Promise<void> {
  if (paths.length === 0) return;
  await driver.shell(shellLine`rm -f ${paths}`);
  for (const path of paths) await scan(driver, path);
}

async function scan(driver: PhoneDriver, path: string): Promise<void> {
  const result = await driver.shell(shellLine`am broadcast -a android.intent.action.MEDIA_SCANNER_SCAN_FILE -d ${`file://${path}`}`);
  if (result.exitCode !== 0) throw new AdbError("media scan", `exit ${result.exitCode}: ${(result.stderr || result.stdout).trim().slice(0, 200)}`);
}

/** Polls the media store until the scanner has indexed `path`. */
async function mediaId(driver: PhoneDriver, table: "video" | "images", path: string, signal: AbortSignal, timeoutMs: number): Promise<number> {
  const stored = path.replace(/^\/sdcard(?=\/)/, STORAGE_ROOT);
  const where = `_data='${stored.replace(/'/g, "''")}'`;
  const command = shellLine`content query --uri content://media/external/${table}/media --projection _id --where ${where}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await driver.shell(command);
    const row = /_id=(\d+)/.exec(result.stdout);
    if (row !== null) return Number(row[1]);
    if (Date.now() >= deadline) {
      throw new ScriptFailure(FailCode.AdbError, `the phone's media scanner did not index ${path} within ${Math.round(timeoutMs / 1000)} s`);
    }
    await sleep(300, undefined, { signal });
  }
}
