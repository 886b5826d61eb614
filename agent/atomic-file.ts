import { randomBytes } from "node:crypto";
import { open, rename } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Files whose name starts with this are half-written: readers skip them, and may delete them. */
export const TEMP_PREFIX = ".tmp-";

/**
 * Writes `path` so that after a crash or power cut it holds either its old content or the
 * whole new content, never a part: the data goes to a temporary file in the same
 * directory, is fsynced, then renamed over the target (rename is atomic within one file
 * system), and the directory is fsynced so the rename itself survives a power cut.
 */
export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `${TEMP_PREFIX}${basename(path)}-${randomBytes(6).toString("hex")}`);
  const file = await open(temp, "w", 0o600);
  try {
    await file.writeFile(data, "utf8");
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temp, path);
  await syncDir(dir);
}

export async function syncDir(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; there the rename is as durable as it gets.
  if (process.platform === "win32") return;
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
