import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat, utimes } from "node:fs/promises";
import { join } from "node:path";
import { Readable, Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { syncDir } from "../atomic-file";
import { MaterialError } from "../scripts/post/download";

/** A library material as the server describes it to the agent that posts it. */
export interface LibraryMaterial {
  id: number;
  sha256: string;
  size: number;
  /** Lower-case, with the dot (`.mp4`). */
  ext: string;
}

export interface LibraryCacheOptions {
  /** The server's base URL, as the agent's config has it. */
  server: string;
  /** The agent token: the material route takes it, never an API key. */
  token: string;
  dir: string;
  /** The cache's bound; least recently used files go first once it is passed. */
  maxBytes: number;
}

const PART = ".part";

/**
 * The agent's copies of library materials (`<dir>/<sha256><ext>`), fetched from the agent
 * route on demand. A download that breaks off keeps its `.part` and resumes from its last
 * byte (Range); the whole file must have the material's SHA-256 before it takes its name, so
 * a cached name always holds exactly those bytes. Files a run still uses are never evicted.
 */
export class LibraryCache {
  private readonly inUse = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(private readonly options: LibraryCacheOptions) {}

  /** Where the copies are: material paths under it are the agent's own. */
  get dir(): string {
    return this.options.dir;
  }

  /** Removes the `.part` files a previous run of the agent left (a crash mid-download). */
  async sweep(): Promise<void> {
    const names = await readdir(this.options.dir).catch(() => []);
    await Promise.all(names.filter((name) => name.endsWith(PART)).map((name) => rm(join(this.options.dir, name), { force: true })));
  }

  /**
   * The local path of the material's bytes, downloaded unless cached, held until `release`
   * (so eviction leaves it alone while the phone takes it). Concurrent calls for one material
   * share one download.
   */
  async acquire(material: LibraryMaterial, signal: AbortSignal): Promise<string> {
    const path = join(this.options.dir, `${material.sha256}${material.ext}`);
    this.inUse.set(path, (this.inUse.get(path) ?? 0) + 1);
    try {
      let flight = this.inFlight.get(path);
      if (flight === undefined) {
        flight = this.fetchInto(material, path, signal).finally(() => this.inFlight.delete(path));
        this.inFlight.set(path, flight);
      }
      await flight;
      await this.evict();
      return path;
    } catch (error) {
      this.release(path);
      throw error;
    }
  }

  release(path: string): void {
    const holders = (this.inUse.get(path) ?? 1) - 1;
    if (holders <= 0) this.inUse.delete(path);
    else this.inUse.set(path, holders);
  }

  private async fetchInto(material: LibraryMaterial, path: string, signal: AbortSignal): Promise<string> {
    const cached = await stat(path).catch(() => undefined);
    if (cached?.isFile() === true && cached.size === material.size) {
      const now = new Date();
      await utimes(path, now, now); // recently used
      return path;
    }
    await mkdir(this.options.dir, { recursive: true });
    const part = `${path}${PART}`;
    let sha256 = await this.download(material, part, signal);
    if (sha256 !== material.sha256) {
      // What a broken download kept was wrong: once more, from zero.
      await rm(part, { force: true });
      sha256 = await this.download(material, part, signal);
    }
    if (sha256 !== material.sha256) {
      await rm(part, { force: true });
      throw new MaterialError(`the bytes of library material ${material.id} do not match its SHA-256 (${material.sha256.slice(0, 12)}…, got ${sha256.slice(0, 12)}…)`);
    }
    await rename(part, path);
    await syncDir(this.options.dir);
    return path;
  }

  /** Fills `part` up to the material's size, resuming from what it holds; its SHA-256. */
  private async download(material: LibraryMaterial, part: string, signal: AbortSignal): Promise<string> {
    let have = (await stat(part).catch(() => undefined))?.size ?? 0;
    if (have > material.size) {
      await rm(part, { force: true });
      have = 0;
    }
    let hash = createHash("sha256");
    if (have > 0) await pipeline(createReadStream(part), tee(hash), new Writable({ write: (_chunk, _e, done) => done() }));
    if (have === material.size) return hash.digest("hex");
    const headers: Record<string, string> = { authorization: `Bearer ${this.options.token}` };
    if (have > 0) headers.range = `bytes=${have}-`;
    const response = await fetch(`${this.options.server}/api/v1/agent/materials/${material.id}/content`, { headers, signal });
    if (response.status !== 200 && response.status !== 206) {
      const text = await response.text().catch(() => "");
      throw new MaterialError(`cannot fetch library material ${material.id}: the server answered ${response.status} ${text.slice(0, 200)}`);
    }
    if (response.body === null) throw new MaterialError(`cannot fetch library material ${material.id}: the server sent no body`);
    // A 200 is the whole file (a server that ignored the range): the part and its hash start over.
    const append = response.status === 206;
    if (!append) hash = createHash("sha256");
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), tee(hash), createWriteStream(part, { flags: append ? "a" : "w", mode: 0o600 }), { signal });
    return hash.digest("hex");
  }

  /** Least recently used first, until the cache is within its bound; files in use stay. */
  private async evict(): Promise<void> {
    const names = (await readdir(this.options.dir).catch(() => [])).filter((name) => !name.endsWith(PART));
    const files = (
      await Promise.all(
        names.map(async (name) => {
          const path = join(this.options.dir, name);
          const info = await stat(path).catch(() => undefined);
          return info?.isFile() === true ? { path, size: info.size, used: info.mtimeMs } : undefined;
        }),
      )
    ).filter((file) => file !== undefined);
    let total = files.reduce((sum, file) => sum + file.size, 0);
    for (const file of files.sort((a, b) => a.used - b.used)) {
      if (total <= this.options.maxBytes) break;
      if (this.inUse.has(file.path)) continue;
      await rm(file.path, { force: true });
      total -= file.size;
    }
  }
}

function tee(hash: ReturnType<typeof createHash>): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
}
