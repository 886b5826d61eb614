import { env } from "cloudflare:test";

/**
 * What the database holds, as row counts and a hash per table, to prove a rejected
 * request wrote nothing. Whole tables, every workspace: a request that leaks into another
 * workspace's rows must show up too.
 */

/** The tables the API writes, each ordered by its key so the same rows hash the same. */
const TABLES = {
  workspaces: "id",
  credentials: "id",
  devices: "workspace_id, serial",
  accounts: "id",
  account_tags: "workspace_id, tag, account_id",
  tasks: "id",
  task_counts: "workspace_id, dimension, value, status",
  task_logs: "id",
  idempotency_keys: "workspace_id, key",
  materials: "id",
  material_tags: "workspace_id, tag, material_id",
  material_uploads: "id",
  material_upload_parts: "upload_id, part_number",
} as const;

export type TableName = keyof typeof TABLES;

/** Columns left out of the hash, per table: the ones a rejected request may legitimately change. */
export type Ignored = Partial<Record<TableName, readonly string[]>>;

/**
 * Authentication records when a key was last used (at most once a minute, in waitUntil)
 * before the route decides anything, so a refused request can move `last_used_at`. It is
 * the only column of the user API's tables that a refused request may change.
 */
export const API_IGNORED: Ignored = { credentials: ["last_used_at"] };

export interface Snapshot {
  counts: Record<TableName, number>;
  hashes: Record<TableName, string>;
}

export async function takeSnapshot(ignored: Ignored = API_IGNORED): Promise<Snapshot> {
  const names = Object.keys(TABLES) as TableName[];
  const results = await env.DB.batch(names.map((t) => env.DB.prepare(`SELECT * FROM ${t} ORDER BY ${TABLES[t]}`)));
  const counts = {} as Record<TableName, number>;
  const hashes = {} as Record<TableName, string>;
  for (const [i, table] of names.entries()) {
    const drop = new Set(ignored[table] ?? []);
    const rows = (results[i]?.results ?? []).map((row) =>
      Object.fromEntries(Object.entries(row as Record<string, unknown>).filter(([column]) => !drop.has(column))),
    );
    counts[table] = rows.length;
    hashes[table] = await sha256(JSON.stringify(rows));
  }
  return { counts, hashes };
}

/** The tables whose rows differ, with their counts before → after; empty when nothing changed. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  return (Object.keys(TABLES) as TableName[])
    .filter((t) => before.hashes[t] !== after.hashes[t])
    .map((t) => `${t} (${before.counts[t]} → ${after.counts[t]} rows)`);
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
