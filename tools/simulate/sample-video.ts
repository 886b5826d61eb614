import { randomBytes } from "node:crypto";
import { mkdir, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/** Big enough for the push to show in the logs, small enough to take no time. */
const SAMPLE_BYTES = 1024 * 1024;

/**
 * The video the README's first task posts. Random bytes do: the simulated apps never
 * decode a video, they only show it in the gallery and record what was posted. Kept
 * between runs, so a pasted curl keeps working.
 */
export async function ensureSampleVideo(path: string): Promise<void> {
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isFile() === true && existing.size > 0) return;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, randomBytes(SAMPLE_BYTES));
}
