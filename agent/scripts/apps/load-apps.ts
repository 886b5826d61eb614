import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Platform } from "../../../shared/platforms";
import { type AppData, appDataSchema } from "./app-data";

const BUILT_IN_DIR = fileURLToPath(new URL(".", import.meta.url));

/** The screen data of one app, read and checked; a mistake in the file names the file and the field. */
export function loadApp(platform: Platform, dir = BUILT_IN_DIR): AppData {
  const path = join(dir, `${platform}.json`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`screen data ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = appDataSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(top)"}: ${issue.message}`);
    throw new Error(`screen data ${path} is not valid:\n  ${issues.join("\n  ")}`);
  }
  if (parsed.data.platform !== platform) throw new Error(`screen data ${path} is for ${parsed.data.platform}, not ${platform}`);
  return parsed.data;
}

/** Both apps' data, read once at start so a broken file stops the agent before any task. */
export function loadApps(dir?: string): Record<Platform, AppData> {
  return { tiktok: loadApp("tiktok", dir), instagram: loadApp("instagram", dir) };
}
