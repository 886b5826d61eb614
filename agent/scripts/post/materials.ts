import type { Dirent } from "node:fs";
import { open, readdir, stat } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import { POST_CONTENT_TYPES, type PostConfig } from "../../../shared/scripts/post";
import { type DownloadOptions, describeUrl, downloadToCache, MaterialError } from "./download";
import { EXTENSIONS, type MediaKind } from "./media-types";

export { MaterialError } from "./download";
export type { DownloadOptions } from "./download";

export type MaterialKind = MediaKind;

/** A file on this PC, checked, ready to be pushed to the phone. */
export interface Material {
  localPath: string;
  kind: MaterialKind;
  /** Lower-case, with the dot. */
  ext: string;
  bytes: number;
  /** The entry as the user wrote it (path or URL); for a folder pick, the picked file's path. */
  source: string;
}

export interface ResolveOptions {
  /** Where downloaded URLs are kept, so a URL posted again is not fetched again. */
  cacheDir: string;
  signal: AbortSignal;
  download?: DownloadOptions;
  random?: () => number;
}


const NO_LIBRARY =
  'no material: material_list is empty and this agent has no material library (use material_list or material_source "localFolder" with material_path)';

/**
 * The files a post uses: one video for content_type 0, `image_count` images for 1, taken
 * from material_list in order, else picked at random from material_path. Every file is
 * checked (kind by extension, exists, readable, not empty) before the phone is touched, so
 * a bad material fails the run with 1004 rather than halfway through the app's screens.
 * URLs are downloaded one after another: the phone takes them one at a time anyway.
 */
export async function resolveMaterials(config: PostConfig, options: ResolveOptions): Promise<Material[]> {
  const kind: MaterialKind = config.content_type === POST_CONTENT_TYPES.video ? "video" : "image";
  const count = kind === "video" ? 1 : config.image_count;
  const sources = config.material_list.length > 0 ? fromList(config.material_list, count) : await fromFolder(config, kind, count, options.random ?? Math.random);
  const materials: Material[] = [];
  for (const source of sources) {
    options.signal.throwIfAborted();
    materials.push(await materialAt(source, kind, options));
  }
  return materials;
}

function fromList(list: readonly string[], count: number): string[] {
  if (list.length < count) {
    throw new MaterialError(`image_count asks for ${count} images but material_list has only ${list.length} ${list.length === 1 ? "entry" : "entries"}`);
  }
  return list.slice(0, count);
}

async function fromFolder(config: PostConfig, kind: MaterialKind, count: number, random: () => number): Promise<string[]> {
  if (config.material_source === "materialLibrary") throw new MaterialError(NO_LIBRARY);
  const folder = config.material_path.trim();
  if (folder === "") throw new MaterialError(`material_source is "localFolder" but material_path is empty: give the folder on this PC that holds the ${kind}s`);
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    throw new MaterialError(`material_path "${folder}" ${reasonOf(error, "folder")}`, { cause: error });
  }
  // Sorted so a given `random` always picks the same files, whatever order the disk lists them in.
  const names = entries
    .filter((entry) => !entry.name.startsWith(".") && (entry.isFile() || entry.isSymbolicLink()))
    .map((entry) => entry.name)
    .filter((name) => EXTENSIONS[kind].includes(extname(name).toLowerCase()))
    .sort();
  if (names.length < count) {
    throw new MaterialError(`material_path "${folder}" has ${names.length} ${kind} file(s) (${EXTENSIONS[kind].join(" ")}), ${count} needed`);
  }
  return pickDistinct(names, count, random).map((name) => join(folder, name));
}

/** A partial Fisher–Yates shuffle: `count` different items, each equally likely. */
function pickDistinct(items: readonly string[], count: number, random: () => number): string[] {
  const pool = [...items];
  const picked: string[] = [];
  for (let i = 0; i < count && pool.length > 0; i += 1) {
    const r = random();
    const index = Number.isFinite(r) ? Math.min(pool.length - 1, Math.max(0, Math.floor(r * pool.length))) : 0;
    picked.push(...pool.splice(index, 1));
  }
  return picked;
}

async function materialAt(source: string, kind: MaterialKind, options: ResolveOptions): Promise<Material> {
  // `C:/Videos/a.mp4` has no `//` after the colon, so only real URLs land here.
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(source);
  const localPath = isUrl ? await downloadToCache(source, options.cacheDir, { ...options.download, signal: options.signal }) : resolve(source);
  const label = isUrl ? `"${describeUrl(source)}" (downloaded to "${localPath}")` : `"${source}"`;
  const ext = extname(localPath).toLowerCase();
  if (!EXTENSIONS[kind].includes(ext)) {
    const found = ext === "" ? "has no file extension" : `is a ${ext} file`;
    const contentType = kind === "video" ? 0 : 1;
    throw new MaterialError(`material ${label} ${found}; content_type ${contentType} needs ${kind === "video" ? "a video" : "images"} (${EXTENSIONS[kind].join(" ")})`);
  }
  return { localPath, kind, ext, bytes: await readableSize(localPath, label), source };
}

/** Checks before opening, so a named pipe or device is refused instead of blocking the open. */
async function readableSize(path: string, label: string): Promise<number> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new MaterialError(`material ${label} is a folder, not a file`);
    if (!info.isFile()) throw new MaterialError(`material ${label} is not a regular file`);
    if (info.size === 0) throw new MaterialError(`material ${label} is empty (0 bytes)`);
    size = info.size;
    await (await open(path, "r")).close();
  } catch (error) {
    if (error instanceof MaterialError) throw error;
    throw new MaterialError(`material ${label} ${reasonOf(error, "file")}`, { cause: error });
  }
  return size;
}

function reasonOf(error: unknown, what: "file" | "folder"): string {
  const code = error instanceof Error && "code" in error ? error.code : undefined;
  switch (code) {
    case "ENOENT":
      return "does not exist";
    case "ENOTDIR":
      return what === "folder" ? "is not a folder" : "does not exist (a part of the path is a file, not a folder)";
    case "EACCES":
    case "EPERM":
      return "cannot be read: permission denied";
    default:
      return `cannot be read: ${error instanceof Error ? error.message : String(error)}`;
  }
}
