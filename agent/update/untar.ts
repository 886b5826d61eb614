import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, normalize, sep } from "node:path";
import { gunzipSync } from "node:zlib";

const BLOCK = 512;

/**
 * Unpacks an npm tarball (gzipped ustar, as `npm pack` writes it) into `dir`: regular files and
 * directories, names from the ustar prefix and name fields or a pax `path` record. A name that
 * would leave `dir` (absolute, or with `..`), a link or a device is refused: the tarball came
 * over the network, and its hash was checked, but the unpacking still trusts nothing.
 * Whole in memory: the agent's package is a few MB.
 */
export async function untarGz(tarball: Buffer, dir: string): Promise<string[]> {
  const written: string[] = [];
  for (const entry of tarEntries(gunzipSync(tarball))) {
    const target = safePath(dir, entry.name);
    if (entry.type === "5") {
      await mkdir(target, { recursive: true });
    } else if (entry.type === "0" || entry.type === "\0") {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, entry.body, { mode: entry.mode & 0o777 || 0o644 });
      written.push(entry.name);
    } else {
      throw new Error(`the tarball holds ${entry.name} of type ${JSON.stringify(entry.type)}: only files and directories are unpacked`);
    }
  }
  return written;
}

/** One regular file's bytes from a gzipped tarball, without unpacking the rest (links and all). */
export function fileInTarGz(tarball: Buffer, name: string): Buffer | undefined {
  for (const entry of tarEntries(gunzipSync(tarball))) {
    if (entry.name === name && (entry.type === "0" || entry.type === "\0")) return Buffer.from(entry.body);
  }
  return undefined;
}

interface TarEntry {
  name: string;
  /** ustar's type flag: "0" (or NUL) a file, "5" a directory, "2" a symbolic link, … */
  type: string;
  mode: number;
  body: Uint8Array;
}

function* tarEntries(tar: Buffer): Generator<TarEntry> {
  let offset = 0;
  let paxPath: string | undefined;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) return;
    const size = parseOctal(header.subarray(124, 136));
    const type = String.fromCharCode(header[156] ?? 0);
    const body = tar.subarray(offset + BLOCK, offset + BLOCK + size);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "x") {
      paxPath = paxRecord(body, "path");
      continue;
    }
    if (type === "g") continue;
    const prefix = text(header.subarray(345, 500));
    const name = paxPath ?? (prefix === "" ? text(header.subarray(0, 100)) : `${prefix}/${text(header.subarray(0, 100))}`);
    paxPath = undefined;
    yield { name, type, mode: parseOctal(header.subarray(100, 108)), body };
  }
}

function safePath(dir: string, name: string): string {
  const clean = normalize(name);
  if (name.startsWith("/") || /^[a-z]:/i.test(name) || clean === ".." || clean.startsWith(`..${sep}`) || clean.includes(`${sep}..${sep}`)) throw new Error(`the tarball names ${JSON.stringify(name)}, outside its folder`);
  return join(dir, clean);
}

function text(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return Buffer.from(end < 0 ? bytes : bytes.subarray(0, end)).toString("utf8");
}

function parseOctal(bytes: Uint8Array): number {
  const value = text(bytes).trim();
  return value === "" ? 0 : parseInt(value, 8);
}

/** A pax extended header's record: "<len> key=value\n" lines. */
function paxRecord(body: Uint8Array, key: string): string | undefined {
  for (const line of Buffer.from(body).toString("utf8").split("\n")) {
    const match = /^\d+ ([^=]+)=(.*)$/.exec(line);
    if (match?.[1] === key) return match[2];
  }
  return undefined;
}
