import { randomInt } from "node:crypto";
import type { PlanId } from "../../../shared/plans";
import type { Platform } from "../../../shared/platforms";
import { type D1Target, D1Error, DATABASE, d1Execute, type Row, rowsOf } from "../../lib/d1";
import { UserError } from "../../lib/errors";
import { sql, sqlBatch } from "../../lib/sql";
import { firstRow, parseRows, workspaceListingRow, type WorkspaceListing, workspaceRow, type WorkspaceRow } from "./rows";
import { unknownWorkspaceMessage, workspaceIdOf } from "./workspace-ref";

export interface NewWorkspace {
  name: string;
  plan: PlanId;
  timezone: string;
  defaultPlatform: Platform;
  maxRetryCount: number;
  /** The D1 binding its data goes on (docs/shards.md); DB, the directory, when absent. */
  shard?: string;
}

const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
const ID_RANDOM_LENGTH = 12;

/** "ws_" and 12 of [a-z0-9]; randomInt draws without modulo bias. */
export function newWorkspaceId(): string {
  let id = "ws_";
  for (let i = 0; i < ID_RANDOM_LENGTH; i++) id += ID_ALPHABET.charAt(randomInt(ID_ALPHABET.length));
  return id;
}

export async function createWorkspace(target: D1Target, input: NewWorkspace): Promise<WorkspaceRow> {
  const shard = input.shard ?? DATABASE;
  if (shard !== DATABASE) await checkShard(target, shard);
  const id = newWorkspaceId();
  let results: Row[][];
  try {
    // The unique index on name decides duplicates, so two admins racing cannot both win.
    results = await d1Execute(
      target,
      sqlBatch(
        sql`INSERT INTO workspaces (id, name, plan, timezone, default_platform, max_retry_count, shard, created_at)
            VALUES (${id}, ${input.name}, ${input.plan}, ${input.timezone}, ${input.defaultPlatform},
                    ${input.maxRetryCount}, ${shard}, ${Date.now()})`,
        sql`SELECT * FROM workspaces WHERE id = ${id}`,
      ),
    );
  } catch (error) {
    if (error instanceof D1Error && error.sqliteText.includes("UNIQUE constraint failed: workspaces.name")) {
      throw new UserError(`a workspace named "${input.name}" already exists`);
    }
    throw error;
  }
  const row = firstRow(workspaceRow, rowsOf(results, 1));
  if (row === undefined) throw new Error(`workspace ${id} was inserted but cannot be read back`);
  return row;
}

/**
 * A workspace is placed only on a database that wrangler.toml binds and that has the schema:
 * otherwise its first request would fail (the Worker copies the row there first).
 */
async function checkShard(target: D1Target, shard: string): Promise<void> {
  try {
    await d1Execute(target, sql`SELECT count(*) AS n FROM workspaces`, shard);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    if (/no such table/.test(error.message)) {
      throw new UserError(`${shard} has no tables yet: apply the migrations to it first (npx wrangler d1 migrations apply ${shard}${target.remote ? " --remote" : " --local"})`);
    }
    throw new UserError(`cannot place a workspace on ${shard}: ${error.message} (is it a [[d1_databases]] binding in wrangler.toml? docs/shards.md)`);
  }
}

export async function findWorkspace(target: D1Target, ref: string): Promise<WorkspaceRow | undefined> {
  const results = await d1Execute(target, sql`SELECT * FROM workspaces WHERE id = ${workspaceIdOf(ref)}`);
  return firstRow(workspaceRow, rowsOf(results, 0));
}

export async function listWorkspaces(target: D1Target): Promise<WorkspaceListing[]> {
  const results = await d1Execute(
    target,
    sql`SELECT w.*,
          (SELECT count(*) FROM credentials c WHERE c.workspace_id = w.id AND c.kind = 'api_key' AND c.revoked_at IS NULL) AS active_api_keys,
          (SELECT count(*) FROM credentials c WHERE c.workspace_id = w.id AND c.kind = 'agent_token' AND c.revoked_at IS NULL) AS active_agent_tokens
        FROM workspaces w ORDER BY w.created_at, w.id`,
  );
  return parseRows(workspaceListingRow, rowsOf(results, 0));
}

export interface PlanChange {
  workspace: WorkspaceRow;
  previousPlan: string;
}

/** Reads the old plan and writes the new one in one batch, so the report is accurate. */
export async function setPlan(target: D1Target, ref: string, plan: PlanId): Promise<PlanChange> {
  const id = workspaceIdOf(ref);
  const results = await d1Execute(
    target,
    sqlBatch(
      sql`SELECT * FROM workspaces WHERE id = ${id}`,
      sql`UPDATE workspaces SET plan = ${plan} WHERE id = ${id}`,
      sql`SELECT * FROM workspaces WHERE id = ${id}`,
    ),
  );
  const before = firstRow(workspaceRow, rowsOf(results, 0));
  const after = firstRow(workspaceRow, rowsOf(results, 2));
  if (before === undefined || after === undefined) throw new UserError(unknownWorkspaceMessage(ref));
  return { workspace: after, previousPlan: before.plan };
}

/** The settings `set-workspace` changes; an absent one keeps its value. */
export interface SettingsChange {
  timezone?: string;
  defaultPlatform?: Platform;
  maxRetryCount?: number;
  retentionDays?: number;
}

/** Writes the settings given and reads the row back, in one batch. */
export async function setWorkspaceSettings(target: D1Target, ref: string, change: SettingsChange): Promise<WorkspaceRow> {
  const id = workspaceIdOf(ref);
  const results = await d1Execute(
    target,
    sqlBatch(
      sql`UPDATE workspaces SET timezone = COALESCE(${change.timezone ?? null}, timezone),
            default_platform = COALESCE(${change.defaultPlatform ?? null}, default_platform),
            max_retry_count = COALESCE(${change.maxRetryCount ?? null}, max_retry_count),
            retention_days = COALESCE(${change.retentionDays ?? null}, retention_days)
          WHERE id = ${id}`,
      sql`SELECT * FROM workspaces WHERE id = ${id}`,
    ),
  );
  const after = firstRow(workspaceRow, rowsOf(results, 1));
  if (after === undefined) throw new UserError(unknownWorkspaceMessage(ref));
  return after;
}
