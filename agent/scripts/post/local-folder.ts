import type { Dirent } from "node:fs";
import { mkdir, readdir, readFile } from "node:fs/promises";
import { dirname, extname, join, resolve } from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "../../atomic-file";
import { MaterialError } from "./download";
import { reasonOf } from "./fs-reason";
import type { MaterialRoots } from "./material-roots";
import { EXTENSIONS, type MediaKind } from "./media-types";

/**
 * `material_source: "localFolder"` as TikMatrix defines it: under `material_path`, a folder
 * `@username` for the task's account is preferred (the root when it does not exist or the task
 * names no account); its media files are taken, videos one at random and images `image_count`
 * in `sort_N_` order; `caption.txt` (one spintax template) and `sound_urls.txt` /
 * `sound_names.txt` (one sound a line, read in order and looping) are read from that folder,
 * else from the root. A file that went out in a post is not picked again for that folder: the
 * ledger remembers it in the agent's state dir, and a file another phone's run holds is not
 * picked either. All files used up is an error naming the ledger.
 */

export interface FolderRequest {
  root: string;
  /** The task's account, or null in device mode. */
  username: string | null;
  kind: MediaKind;
  count: number;
  /** The post needs a sound, so the sound files are read. */
  wantsSound: boolean;
  random: () => number;
  /** The folders local files may come from: the root, the account's folder and the text files must lie in one. */
  roots: MaterialRoots;
}

export interface FolderPick {
  /** Where the media came from (the account's folder or the root). */
  folder: string;
  /** Absolute paths, in the post's order. */
  files: string[];
  /** caption.txt's text: it stands in for the config's captions. */
  caption: string | undefined;
  /** The next line of sound_urls.txt, else of sound_names.txt. */
  sound: string | undefined;
  /** The post may be out: its files count as used, its sound line as read. */
  commit(): Promise<void>;
  /** The run is over: what it held and did not commit is free again. */
  release(): void;
}

const ledgerSchema = z.object({
  version: z.literal(1),
  /** Folder (absolute) → the names of its files that went out. */
  used: z.record(z.string(), z.array(z.string())),
  /** Sound file (absolute) → how many of its lines have been read. */
  read: z.record(z.string(), z.number().int().min(0)),
});
type Ledger = z.infer<typeof ledgerSchema>;

const SORTED = /^sort_(\d+)_/i;
const SOUND_FILES = ["sound_urls.txt", "sound_names.txt"] as const;

/** One per agent: every phone's post script picks from the same folders through it. */
export class LocalFolders {
  private ledger: Ledger | undefined;
  /** Files some run holds, not yet committed or released. */
  private readonly held = new Set<string>();
  /** Sound file → lines handed out and not yet committed. */
  private readonly pendingReads = new Map<string, number>();
  private writes: Promise<void> = Promise.resolve();

  constructor(readonly ledgerPath: string) {}

  async pick(request: FolderRequest): Promise<FolderPick> {
    const ledger = await this.load();
    // Folders keep the path as given (the ledger's keys, the log); each is checked first, and
    // each file picked is checked again by resolveMaterials, so a link among them that leads
    // out of the roots is refused.
    const root = resolve(request.root.trim());
    const entries = await list(root, "material_path", request.roots);
    const userDir = request.username === null ? undefined : entries.find((entry) => entry.isDirectory() && entry.name.toLowerCase() === `@${request.username}`.toLowerCase());
    const folder = userDir === undefined ? root : join(root, userDir.name);
    const files = folder === root ? entries : await list(folder, "the account's folder", request.roots);
    const media = mediaNames(files, request.kind);
    const used = new Set(ledger.used[folder] ?? []);
    const free = media.filter((name) => !used.has(name) && !this.held.has(join(folder, name)));
    if (free.length < request.count) throw new MaterialError(exhausted(folder, request, media.length, free.length, this.ledgerPath));
    const names = request.kind === "video" ? [pickOne(free, request.random)] : free.slice(0, request.count);
    const paths = names.map((name) => join(folder, name));
    for (const path of paths) this.held.add(path);

    const caption = await firstText(["caption.txt"], folder, root, request.roots);
    const soundFile = request.wantsSound ? await firstLines(SOUND_FILES, folder, root, request.roots) : undefined;
    let sound: string | undefined;
    if (soundFile !== undefined) {
      const pending = this.pendingReads.get(soundFile.path) ?? 0;
      sound = soundFile.lines[((ledger.read[soundFile.path] ?? 0) + pending) % soundFile.lines.length];
      this.pendingReads.set(soundFile.path, pending + 1);
    }
    let open = true;
    const settle = (committed: boolean): void => {
      if (!open) return;
      open = false;
      for (const path of paths) this.held.delete(path);
      if (soundFile !== undefined) this.pendingReads.set(soundFile.path, Math.max(0, (this.pendingReads.get(soundFile.path) ?? 1) - 1));
      if (!committed) return;
      ledger.used[folder] = [...(ledger.used[folder] ?? []), ...names];
      if (soundFile !== undefined) ledger.read[soundFile.path] = ((ledger.read[soundFile.path] ?? 0) + 1) % soundFile.lines.length;
    };
    return {
      folder,
      files: paths,
      caption,
      sound,
      commit: async () => {
        if (!open) return;
        settle(true);
        await this.save();
      },
      release: () => settle(false),
    };
  }

  private async load(): Promise<Ledger> {
    if (this.ledger !== undefined) return this.ledger;
    let text: string;
    try {
      text = await readFile(this.ledgerPath, "utf8");
    } catch (error) {
      if (error instanceof Error && "code" in error && error.code === "ENOENT") return (this.ledger = { version: 1, used: {}, read: {} });
      throw error;
    }
    const parsed = ledgerSchema.safeParse(safeJson(text));
    // A ledger that cannot be read must not make every file look new: that could post them twice.
    if (!parsed.success) throw new MaterialError(`the record of used material files, ${this.ledgerPath}, is damaged; fix or delete it (deleting makes every file unused again)`);
    return (this.ledger = parsed.data);
  }

  /** Writes one after another, each the whole ledger, atomically: a crash leaves the old or the new one. */
  private save(): Promise<void> {
    const write = this.writes.then(async () => {
      await mkdir(dirname(this.ledgerPath), { recursive: true });
      await writeFileAtomic(this.ledgerPath, `${JSON.stringify(this.ledger, null, 1)}\n`);
    });
    this.writes = write.catch(() => undefined);
    return write;
  }
}

async function list(folder: string, what: string, roots: MaterialRoots): Promise<Dirent[]> {
  const real = await roots.check(folder, `${what} "${folder}"`, "folder");
  try {
    return await readdir(real, { withFileTypes: true });
  } catch (error) {
    throw new MaterialError(`${what} "${folder}" ${reasonOf(error, "folder")}`, { cause: error });
  }
}

/** The folder's files of the kind: `sort_N_` ones by N, then the others by name. */
function mediaNames(entries: readonly Dirent[], kind: MediaKind): string[] {
  const names = entries
    .filter((entry) => !entry.name.startsWith(".") && (entry.isFile() || entry.isSymbolicLink()))
    .map((entry) => entry.name)
    .filter((name) => EXTENSIONS[kind].includes(extname(name).toLowerCase()));
  const rank = (name: string) => Number(SORTED.exec(name)?.[1] ?? Number.POSITIVE_INFINITY);
  return names.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function pickOne(names: readonly string[], random: () => number): string {
  const r = random();
  const index = Number.isFinite(r) ? Math.min(names.length - 1, Math.max(0, Math.floor(r * names.length))) : 0;
  return names[index] ?? "";
}

function exhausted(folder: string, request: FolderRequest, total: number, free: number, ledgerPath: string): string {
  const kinds = request.kind === "video" ? "video" : "image";
  if (total === 0) return `material folder "${folder}" has no ${kinds} files (${EXTENSIONS[request.kind].join(" ")})`;
  if (total < request.count) return `material folder "${folder}" has ${total} ${kinds} file(s), ${request.count} needed`;
  return `material folder "${folder}": ${total - free} of its ${total} ${kinds} files were posted already (a file is posted once) and ${request.count} needed; add files, or delete ${ledgerPath} to use them all again`;
}

/** A text file's content from the first folder that has it: the account's folder, then the root. */
async function firstText(names: readonly string[], folder: string, root: string, roots: MaterialRoots): Promise<string | undefined> {
  for (const dir of folder === root ? [folder] : [folder, root]) {
    for (const name of names) {
      const text = await readOptional(join(dir, name), roots);
      if (text !== undefined) return text;
    }
  }
  return undefined;
}

/** The non-blank lines of the first of the files that has some, looked for in the account's folder, then the root. */
async function firstLines(names: readonly string[], folder: string, root: string, roots: MaterialRoots): Promise<{ path: string; lines: string[] } | undefined> {
  for (const dir of folder === root ? [folder] : [folder, root]) {
    for (const name of names) {
      const path = join(dir, name);
      const lines = (await readOptional(path, roots))?.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "");
      if (lines !== undefined && lines.length > 0) return { path, lines };
    }
  }
  return undefined;
}

/** A text file of the folder, if there is one; a link out of the roots is refused: its text would be posted. */
async function readOptional(path: string, roots: MaterialRoots): Promise<string | undefined> {
  const real = await roots.checkOptional(path, `"${path}"`);
  if (real === undefined) return undefined;
  try {
    // A BOM (Windows Notepad) is not part of the first caption or sound.
    return (await readFile(real, "utf8")).replace(/^\uFEFF/, "");
  } catch (error) {
    if (error instanceof Error && "code" in error && (error.code === "ENOENT" || error.code === "EISDIR")) return undefined;
    throw new MaterialError(`"${path}" ${reasonOf(error, "file")}`, { cause: error });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
