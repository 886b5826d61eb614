import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { delimiter, join } from "node:path";

/**
 * The adb binary the PATH would run, or undefined. Looked up here rather than by running
 * `adb version`: a missing binary is the common case on a fresh machine and should cost
 * nothing, and on Windows the name is adb.exe (X_OK means nothing there, so existence
 * as a file is the test).
 */
export async function findAdb(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Promise<string | undefined> {
  const windows = platform === "win32";
  // Windows spells the variable Path as often as PATH; its lookup is case-insensitive.
  const pathValue = windows ? Object.entries(env).find(([name]) => name.toUpperCase() === "PATH")?.[1] : env.PATH;
  const name = windows ? "adb.exe" : "adb";
  for (const dir of (pathValue ?? "").split(windows ? ";" : delimiter)) {
    // An empty entry means the current directory to a POSIX shell; npm start never relies on that.
    if (dir.trim() === "") continue;
    const candidate = join(dir.trim().replace(/^"(.*)"$/, "$1"), name);
    if (await isExecutableFile(candidate, windows)) return candidate;
  }
  return undefined;
}

async function isExecutableFile(path: string, windows: boolean): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false;
    if (!windows) await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
