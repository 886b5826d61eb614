import { open, stat } from "node:fs/promises";
import { extname, resolve } from "node:path";
import type { LibraryMaterial } from "../../../shared/protocol/messages";
import { libraryIdOf, picksFromLibrary, POST_CONTENT_TYPES, type PostConfig, postMediaCount, usesLocalFolder } from "../../../shared/scripts/post";
import type { LibraryCache } from "../../library/library-cache";
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
  /** The folders local files may come from (the download cache and the library cache among them). */
  roots: MaterialRoots;
  /** The library materials the server sent with the run, and the agent's copies of them. */
  library: { materials: readonly LibraryMaterial[]; cache: LibraryCache };
}

export interface ResolvedMaterials {
  materials: Material[];
  /** Set when the material came from a local folder: its caption.txt and sound, and the files to mark used. */
  folder: FolderPick | undefined;
  /** The caption of the first library material that has one: it stands in for the config's captions. */
  libraryCaption: string | undefined;
  /** Lets go of what the run holds: the folder's pick, the library copies (which eviction then may take). */
  release(): void;
}

/**
 * The files a post uses: one video for content_type 0, `image_count` images for 1, taken
 * from material_list in order (a lib:<id> entry from the library), else from the library's
 * pick the server sent with the run, else from the local folder (local-folder.ts). Every file
 * is checked (kind by extension, exists, readable, not empty) before the phone is touched, so
 * a bad material fails the run with 1004 rather than halfway through the app's screens.
 * URLs and library materials are fetched one after another: the phone takes them one at a
 * time anyway. What the run holds is let go by `release`, or here on an error.
 */
export async function resolveMaterials(config: PostConfig, options: ResolveOptions): Promise<ResolvedMaterials> {
  const kind: MaterialKind = config.content_type === POST_CONTENT_TYPES.video ? "video" : "image";
  const count = postMediaCount(config);
  const held: string[] = [];
  let folder: FolderPick | undefined;
  const release = () => {
    folder?.release();
    for (const path of held.splice(0)) options.library.cache.release(path);
  };
  try {
    folder = usesLocalFolder(config)
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
    const sources = folder?.files ?? (picksFromLibrary(config) ? libraryPick(options.library.materials, count) : fromList(config.material_list, count));
    const materials: Material[] = [];
    for (const source of sources) {
      options.signal.throwIfAborted();
      materials.push(await materialAt(source, kind, options, held));
    }
    const captions = materials.map((m) => libraryEntry(m.source, options)?.caption ?? "");
    return { materials, folder, libraryCaption: captions.find((caption) => caption.trim() !== ""), release };
  } catch (error) {
    release();
    throw error;
  }
}

/** The library's pick, as lib:<id> entries; the server sends exactly the count, or fails the task itself. */
function libraryPick(library: readonly LibraryMaterial[], count: number): string[] {
  if (library.length < count) {
    throw new MaterialError(`the post takes ${count} from the material library, and the server sent ${library.length} with the run (is the agent older than the server?)`);
  }
  return library.slice(0, count).map((material) => `lib:${material.id}`);
}

function libraryEntry(source: string, options: ResolveOptions): LibraryMaterial | undefined {
  const id = libraryIdOf(source);
  return id === undefined ? undefined : options.library.materials.find((material) => material.id === id);
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

async function materialAt(source: string, kind: MaterialKind, options: ResolveOptions, held: string[]): Promise<Material> {
  const { given, label } = await fetched(source, options, held);
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

/** Where the entry's bytes are on this PC: downloaded, copied from the library, or the path as given. */
async function fetched(source: string, options: ResolveOptions, held: string[]): Promise<{ given: string; label: string }> {
  if (libraryIdOf(source) !== undefined) {
    const material = libraryEntry(source, options);
    if (material === undefined) throw new MaterialError(`material_list names ${source}, and the server sent no such library material with the run (is the agent older than the server?)`);
    const path = await options.library.cache.acquire(material, options.signal);
    held.push(path);
    return { given: path, label: `lib:${material.id} (kept in "${path}")` };
  }
  // `C:/Videos/a.mp4` has no `//` after the colon, so only real URLs land here.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) {
    const path = await downloadToCache(source, options.cacheDir, { ...options.download, signal: options.signal });
    return { given: path, label: `"${describeUrl(source)}" (downloaded to "${path}")` };
  }
  return { given: resolve(source), label: `"${source}"` };
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
