import { open, stat } from "node:fs/promises";
import { extname, resolve } from "node:path";
import { POST_CONTENT_TYPES, type PostConfig, usesLocalFolder } from "../../../shared/scripts/post";
import { type DownloadOptions, describeUrl, downloadToCache, MaterialError } from "./download";
import { reasonOf } from "./fs-reason";
import type { FolderPick, LocalFolders } from "./local-folder";
import type { MaterialRoots } from "./material-roots";
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
  /** The local folders' record of used files (one per agent). */
  folders: LocalFolders;
  /** The task's account, for its `@username` folder. */
  username: string | null;
  /** The folders local files may come from (the download cache among them). */
  roots: MaterialRoots;
}

export interface ResolvedMaterials {
  materials: Material[];
  /** Set when the material came from a local folder: its caption.txt and sound, and the files to mark used. */
  folder: FolderPick | undefined;
}

/**
 * The files a post uses: one video for content_type 0, `image_count` images for 1, taken
 * from material_list in order, else from the local folder (local-folder.ts). Every file is
 * checked (kind by extension, exists, readable, not empty) before the phone is touched, so
 * a bad material fails the run with 1004 rather than halfway through the app's screens.
 * URLs are downloaded one after another: the phone takes them one at a time anyway. A folder
 * pick holds its files until the caller commits or releases it; on an error here it is released.
 */
export async function resolveMaterials(config: PostConfig, options: ResolveOptions): Promise<ResolvedMaterials> {
  const kind: MaterialKind = config.content_type === POST_CONTENT_TYPES.video ? "video" : "image";
  const count = kind === "video" ? 1 : config.image_count;
  // The shared schema refuses an empty list with any source but a local folder.
  const folder = usesLocalFolder(config)
    ? await options.folders.pick({
        root: config.material_path,
        username: options.username,
        kind,
        count,
        wantsSound: wantsFolderSound(config),
        random: options.random ?? Math.random,
        roots: options.roots,
      })
    : undefined;
  try {
    const sources = folder?.files ?? fromList(config.material_list, count);
    const materials: Material[] = [];
    for (const source of sources) {
      options.signal.throwIfAborted();
      materials.push(await materialAt(source, kind, options));
    }
    return { materials, folder };
  } catch (error) {
    folder?.release();
    throw error;
  }
}

/** The folder's sound files stand in for the sound a post uses: post_way useSound's, or add_sound custom's. */
function wantsFolderSound(config: PostConfig): boolean {
  return config.post_way === "useSound" || config.add_sound === "custom";
}

function fromList(list: readonly string[], count: number): string[] {
  if (list.length < count) {
    throw new MaterialError(`image_count asks for ${count} images but material_list has only ${list.length} ${list.length === 1 ? "entry" : "entries"}`);
  }
  return list.slice(0, count);
}

async function materialAt(source: string, kind: MaterialKind, options: ResolveOptions): Promise<Material> {
  // `C:/Videos/a.mp4` has no `//` after the colon, so only real URLs land here.
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(source);
  const given = isUrl ? await downloadToCache(source, options.cacheDir, { ...options.download, signal: options.signal }) : resolve(source);
  const label = isUrl ? `"${describeUrl(source)}" (downloaded to "${given}")` : `"${source}"`;
  // Before anything else is said about it: a path outside the roots is refused, whatever it is.
  // The file pushed is the one checked, by its real path; its kind goes by the name given.
  const localPath = await options.roots.check(given, `material ${label}`, "file");
  const ext = extname(given).toLowerCase();
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
