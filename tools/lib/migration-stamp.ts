import { createHash } from "node:crypto";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { REPO_ROOT } from "./repo";

/**
 * Remembers that a local database has every migration, so each admin command does not
 * pay a second wrangler run (about 2.5 s) just to hear "No migrations to apply".
 *
 * The stamp holds a hash of migrations/ and wrangler.toml plus the identity (inode and
 * birth time) of each D1 SQLite file. Adding a migration, changing the database id, or
 * deleting and recreating the local database all change it, and then the migrations are
 * applied again. Deleting the stamp file is always safe.
 */
const STAMP_FILE = "tikmatrix-migrations.stamp";
/** Where miniflare keeps D1 SQLite files inside a persist directory (wrangler 4.86). */
export const D1_FILES = join("v3", "d1", "miniflare-D1DatabaseObject");

export function defaultPersistDir(): string {
  return join(REPO_ROOT, ".wrangler", "state");
}

export async function currentStamp(persistDir: string): Promise<string> {
  const hash = createHash("sha256");
  hash.update(await readFile(join(REPO_ROOT, "wrangler.toml")));
  const migrationsDir = join(REPO_ROOT, "migrations");
  for (const name of (await readdir(migrationsDir)).filter((n) => n.endsWith(".sql")).sort()) {
    hash.update(`\0${name}\0`);
    hash.update(await readFile(join(migrationsDir, name)));
  }
  return [hash.digest("hex"), ...(await databaseFiles(persistDir))].join("\n");
}

export async function isStampCurrent(persistDir: string): Promise<boolean> {
  const saved = await readFile(join(persistDir, STAMP_FILE), "utf8").catch(() => null);
  return saved !== null && saved === (await currentStamp(persistDir));
}

export async function writeStamp(persistDir: string): Promise<void> {
  await writeFile(join(persistDir, STAMP_FILE), await currentStamp(persistDir), "utf8");
}

/** Each D1 SQLite file of a persist directory as "<name> <inode> <birth time>", sorted. */
export async function databaseFiles(persistDir: string): Promise<string[]> {
  const dir = join(persistDir, D1_FILES);
  const names = await readdir(dir).catch(() => []);
  const files: string[] = [];
  for (const name of names.filter((n) => n.endsWith(".sqlite")).sort()) {
    const info = await stat(join(dir, name));
    files.push(`${name} ${info.ino} ${info.birthtimeMs}`);
  }
  return files;
}
