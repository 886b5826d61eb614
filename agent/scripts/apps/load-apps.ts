import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { getAsset, isSea } from "node:sea";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import type { Platform } from "../../../shared/platforms";
import { type AppData, appDataSchema, type SystemData, systemDataSchema } from "./app-data";

const BUILT_IN_DIR = fileURLToPath(new URL(".", import.meta.url));

/** The screen data of one app, read and checked; a mistake in the file names the file and the field. */
export function loadApp(platform: Platform, dir = BUILT_IN_DIR): AppData {
  const path = join(dir, `${platform}.json`);
  const app = read(path, appDataSchema);
  if (app.platform !== platform) throw new Error(`screen data ${path} is for ${app.platform}, not ${platform}`);
  return app;
}

/**
 * Both apps' data, read once at start so a broken file stops the agent before any task. The
 * system's dialogs (android.json) come first among each app's pop-ups: they are the windows
 * on top.
 */
export function loadApps(dir = BUILT_IN_DIR): Record<Platform, AppData> {
  const system: SystemData = read(join(dir, "android.json"), systemDataSchema);
  const withSystem = (app: AppData): AppData => ({ ...app, popups: [...system.popups, ...app.popups] });
  return { tiktok: withSystem(loadApp("tiktok", dir)), instagram: withSystem(loadApp("instagram", dir)) };
}

/**
 * The single executable (tools/pack/sea.ts) carries the built-in files as assets under their
 * names; BUILT_IN_DIR is then the executable's folder, where they are not.
 */
function readText(path: string): string {
  const file = basename(path);
  return isSea() && join(BUILT_IN_DIR, file) === path ? getAsset(file, "utf8") : readFileSync(path, "utf8");
}

function read<T>(path: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readText(path));
  } catch (error) {
    throw new Error(`screen data ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.map(String).join(".") || "(top)"}: ${issue.message}`);
    throw new Error(`screen data ${path} is not valid:\n  ${issues.join("\n  ")}`);
  }
  return parsed.data;
}
