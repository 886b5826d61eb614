import { generateCredential } from "../../shared/credentials";
import { d1Execute, rowsOf } from "../lib/d1";
import type { LocalTarget } from "../lib/prepare-local";
import { sql, sqlBatch } from "../lib/sql";
import { BenchFailure } from "./failure";
import { createWorkspaceForBench } from "./setup";

export interface LoadWorkspace {
  id: string;
  name: string;
  /** One API key per client, so a per-key rate limit sees each client on its own. */
  keys: string[];
}

/**
 * A Business workspace and `count` API keys. The keys are made as `admin create-api-key`
 * makes one (generateCredential: only the secret's hash is stored) but inserted in one
 * `wrangler d1 execute` batch: fifty admin calls would spawn fifty wranglers (a second or
 * more each here).
 */
export async function createLoadWorkspace(target: LocalTarget, name: string, count: number): Promise<LoadWorkspace> {
  const workspace = await createWorkspaceForBench(target, name);
  const credentials = await Promise.all(Array.from({ length: count }, () => generateCredential("api_key")));
  const now = Date.now();
  const results = await d1Execute(
    target,
    sqlBatch(
      ...credentials.map(
        (c, i) => sql`INSERT INTO credentials (id, workspace_id, kind, name, secret_hash, created_at)
                      VALUES (${c.id}, ${workspace.id}, 'api_key', ${`load client ${i}`}, ${c.secretHash}, ${now})`,
      ),
      sql`SELECT count(*) AS n FROM credentials WHERE workspace_id = ${workspace.id} AND kind = 'api_key'`,
    ),
  );
  const stored = rowsOf(results, count)[0]?.n;
  if (stored !== count) throw new BenchFailure(`inserted ${count} API keys into ${name} but the database holds ${String(stored)}`);
  return { id: workspace.id, name: workspace.name, keys: credentials.map((c) => c.token) };
}
