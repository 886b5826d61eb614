import { dirname, join } from "node:path";
import type { D1Database } from "@cloudflare/workers-types/experimental";
import { Miniflare } from "miniflare";
import { DATABASE } from "../lib/d1";
import { D1_FILES, databaseFiles } from "../lib/migration-stamp";
import type { Cleanup } from "./cleanup";
import { BenchFailure } from "./failure";

export interface LocalD1 {
  db: D1Database;
  /** Stops Miniflare's workerd; the phase that follows may start wrangler dev. */
  close(): Promise<void>;
}

/**
 * The local D1 that `wrangler dev --persist-to <dir>` uses, opened through Miniflare's
 * D1 (which, unlike `wrangler d1 execute`, reports `meta.rows_read`). Both keep the
 * database in <dir>/v3/d1/miniflare-D1DatabaseObject/<hash of the id>.sqlite. Only one
 * of them may have it open at a time: wrangler dev must not be running.
 *
 * Proof that it is the same file, not a fresh one: the directory holds the same database
 * files (names, inodes, birth times) before and after, and the workspace
 * `expectWorkspaceId` written by wrangler is there.
 */
export async function openLocalD1(
  persistTo: string,
  databaseId: string,
  expectWorkspaceId: string,
  cleanup: Cleanup,
): Promise<LocalD1> {
  const filesDir = join(persistTo, D1_FILES);
  const before = await databaseFiles(persistTo);
  if (before.filter((file) => !file.startsWith("metadata.sqlite ")).length !== 1) {
    throw new BenchFailure(`expected one D1 database file in ${filesDir} after the migrations, found: ${before.join(", ") || "none"}`);
  }
  const miniflare = new Miniflare({
    modules: true,
    script: "export default { fetch() { return new Response('bench') } }",
    d1Databases: { [DATABASE]: databaseId },
    // Miniflare adds the miniflare-D1DatabaseObject directory itself.
    d1Persist: dirname(filesDir),
  });
  const step = cleanup.add(
    "Miniflare",
    () => miniflare.dispose(),
    // Miniflare's own exit hook kills its workerd.
    () => undefined,
  );
  const db = await miniflare.getD1Database(DATABASE);
  const found = await db.prepare("SELECT id FROM workspaces WHERE id = ?").bind(expectWorkspaceId).first();
  const after = await databaseFiles(persistTo);
  if (found === null || after.join() !== before.join()) {
    await step.release();
    throw new BenchFailure(
      `Miniflare's D1 for id ${databaseId} is not wrangler's database in ${filesDir} (files before: ${before.join(", ")}; after: ${after.join(", ")})`,
    );
  }
  return { db, close: () => step.release() };
}
