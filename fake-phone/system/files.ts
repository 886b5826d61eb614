// The phone's storage, in memory: pushed files keep their exact bytes so tests can compare.

export const S_IFREG = 0o100000;
export const S_IFDIR = 0o040000;
const S_IFMT = 0o170000;

export interface StoredFile {
  data: Buffer;
  /** Full st_mode, type bits included. */
  mode: number;
  /** Seconds since the epoch, as sync DONE carries it. */
  mtime: number;
}

export type PathInfo = { kind: "file"; file: StoredFile } | { kind: "dir" } | { kind: "missing" };

// Directories automation writes to exist on every phone; tools stat them before a push.
const STANDARD_DIRS = ["/", "/sdcard", "/sdcard/DCIM", "/sdcard/DCIM/Camera", "/sdcard/Download", "/data", "/data/local", "/data/local/tmp", "/storage/emulated/0"];

export class FileStore {
  private readonly files = new Map<string, StoredFile>();
  private readonly dirs = new Set(STANDARD_DIRS);

  write(path: string, data: Buffer, mode = 0o644, mtime = Math.floor(Date.now() / 1000)): void {
    const typed = (mode & S_IFMT) === 0 ? mode | S_IFREG : mode;
    this.files.set(normalise(path), { data, mode: typed, mtime });
  }

  read(path: string): StoredFile | undefined {
    return this.files.get(normalise(path));
  }

  remove(path: string): boolean {
    return this.files.delete(normalise(path));
  }

  paths(): string[] {
    return [...this.files.keys()];
  }

  info(path: string): PathInfo {
    const key = normalise(path);
    const file = this.files.get(key);
    if (file !== undefined) return { kind: "file", file };
    if (this.dirs.has(key) || this.paths().some((p) => p.startsWith(`${key}/`))) return { kind: "dir" };
    return { kind: "missing" };
  }

  /** Files directly inside `dir`, by name. */
  list(dir: string): Array<{ name: string; file: StoredFile }> {
    const prefix = `${normalise(dir)}/`.replace(/^\/\/$/, "/");
    const entries: Array<{ name: string; file: StoredFile }> = [];
    for (const [path, file] of this.files) {
      const name = path.slice(prefix.length);
      if (path.startsWith(prefix) && name.length > 0 && !name.includes("/")) entries.push({ name, file });
    }
    return entries;
  }
}

// /sdcard is a link to /storage/emulated/0 on real phones; the media store reports the latter.
function normalise(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, "") : path;
  return trimmed.replace(/^\/storage\/emulated\/0(?=\/|$)/, "/sdcard");
}
