import type { FileStore } from "./files.js";

// Android's MediaStore, as far as posting needs it: galleries list only indexed files, and
// apps receive `content://media/…/N` uris instead of paths. Indexing is asynchronous on a
// real phone (the scan broadcast returns at once), so a scan lands after a delay and the
// agent has to poll for the row.

export type MediaTable = "video" | "images";

export interface MediaRow {
  /** One counter for both tables: they are views of MediaProvider's single files table. */
  id: number;
  table: MediaTable;
  /** As the provider reports _data: under /storage/emulated/0, never /sdcard. */
  path: string;
  displayName: string;
  mimeType: string;
  size: number;
  /** Seconds, like the date_added column. */
  dateAdded: number;
  /** Seconds: the file's mtime when it was scanned (sync DONE's, or `touch`'s). */
  dateModified: number;
  /** content://media/external/{table}/media/{id} */
  uri: string;
}

export interface MediaItem {
  row: MediaRow;
  /** The file's bytes now, read through the uri as an app would. */
  data: Buffer;
}

const MIME_TYPES: Record<string, { table: MediaTable; mime: string }> = {
  mp4: { table: "video", mime: "video/mp4" },
  mov: { table: "video", mime: "video/quicktime" },
  webm: { table: "video", mime: "video/webm" },
  mkv: { table: "video", mime: "video/x-matroska" },
  "3gp": { table: "video", mime: "video/3gpp" },
  jpg: { table: "images", mime: "image/jpeg" },
  jpeg: { table: "images", mime: "image/jpeg" },
  png: { table: "images", mime: "image/png" },
  webp: { table: "images", mime: "image/webp" },
  gif: { table: "images", mime: "image/gif" },
  heic: { table: "images", mime: "image/heic" },
};

const EXTERNAL = "/storage/emulated/0";
// Real ids are large and shared with every other file; starting high keeps a row's index
// ("Row: 0") from ever being mistaken for its _id.
const FIRST_ID = 1000;
const URI = /^content:\/\/media\/external\/(video|images)\/media\/(\d+)$/;

export class MediaStore {
  private readonly byPath = new Map<string, MediaRow>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private nextId = FIRST_ID;

  constructor(
    private readonly files: FileStore,
    private readonly scanDelayMs = 300,
  ) {}

  /** What MEDIA_SCANNER_SCAN_FILE does: index (or drop) the file after the scan delay. */
  requestScan(path: string): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.scan(path);
    }, this.scanDelayMs);
    timer.unref();
    this.timers.add(timer);
  }

  /** Indexes the file now, or removes its row when the file is gone; for test set-up too. */
  scan(path: string): MediaRow | undefined {
    const external = toExternal(path);
    if (external === undefined) return undefined;
    const file = this.files.read(external);
    const extension = extensionOf(external);
    const kind = Object.hasOwn(MIME_TYPES, extension) ? MIME_TYPES[extension] : undefined;
    if (file === undefined || kind === undefined) {
      this.byPath.delete(external);
      return undefined;
    }
    const existing = this.byPath.get(external);
    const id = existing?.id ?? this.nextId++;
    const row: MediaRow = {
      id,
      table: kind.table,
      path: external,
      displayName: external.slice(external.lastIndexOf("/") + 1),
      mimeType: kind.mime,
      size: file.data.length,
      dateAdded: existing?.dateAdded ?? Math.floor(Date.now() / 1000),
      dateModified: file.mtime,
      uri: `content://media/external/${kind.table}/media/${id}`,
    };
    this.byPath.set(external, row);
    return row;
  }

  /** Every indexed row, both tables, by _id: what a test checks for leftovers. */
  rows(): MediaRow[] {
    return [...this.byPath.values()].sort((a, b) => a.id - b.id);
  }

  /** Rows of one table by _id, the provider's default order. */
  table(table: MediaTable): MediaRow[] {
    return this.rows().filter((row) => row.table === table);
  }

  /**
   * What a gallery shows: `ORDER BY date_modified DESC`, seconds. Files modified within the
   * same second tie, and the tie falls in _id order, oldest first: pushing several files at
   * once does not make the last one pushed the first shown.
   */
  newestFirst(tables: readonly MediaTable[] = ["video", "images"]): MediaRow[] {
    return [...this.byPath.values()].filter((row) => tables.includes(row.table)).sort((a, b) => b.dateModified - a.dateModified || a.id - b.id);
  }

  /** Opens a content uri as an app would: undefined when no row or the file is gone. */
  open(uri: string): MediaItem | undefined {
    const match = URI.exec(uri);
    if (match === null) return undefined;
    const row = [...this.byPath.values()].find((r) => r.table === match[1] && r.id === Number(match[2]));
    const data = row === undefined ? undefined : this.files.read(row.path)?.data;
    return row === undefined || data === undefined ? undefined : { row, data };
  }

  /** Pending scans would fire after the phone is gone. */
  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

/** The /storage/emulated/0 form of a shared-storage path; undefined outside shared storage. */
export function toExternal(path: string): string | undefined {
  const external = path.replace(/^\/sdcard(?=\/|$)/, EXTERNAL);
  return external.startsWith(`${EXTERNAL}/`) ? external : undefined;
}

function extensionOf(path: string): string {
  const dot = path.lastIndexOf(".");
  return dot < 0 ? "" : path.slice(dot + 1).toLowerCase();
}
