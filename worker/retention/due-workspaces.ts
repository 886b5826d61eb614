import { and, eq, gte, lt, min, type SQL, sql } from "drizzle-orm";
import type { AnySqliteDb, Db } from "../db/client";
import { historyMoves, tasks, workspaces } from "../db/schema";
import { DAY_MS, startOfUtcDayAt } from "./utc-day";


export interface DueWorkspace {
  id: string;
  timezone: string;
  retentionDays: number;
  /** Its oldest finished task past its retention, or null when it has none (it has ids noted). */
  oldestDue: number | null;
}

/**
 * Every workspace with work for the job: a finished task past its own retention (one probe of
 * tasks_history each, from the oldest), or ids a run noted and did not clear. Workspaces are
 * few (a row each, read once an hour); the tasks are the many, and only their index is read.
 * Written out, as drizzle leaves a subquery's columns unqualified. No status in the probe: only
 * a finished task has a finished_at (a retry clears it), and a filter on status would turn
 * the one-entry min() probe into a walk of every due task; the day's page checks the status.
 */
export function dueWorkspacesQuery(now: number): SQL {
  return sql`SELECT w.id AS id, w.timezone AS timezone, w.retention_days AS retentionDays,
      (SELECT min(t.finished_at) FROM ${tasks} AS t
        WHERE t.workspace_id = w.id AND t.finished_at < ${startOfUtcDayAt(now)} - w.retention_days * ${DAY_MS}) AS oldestDue
    FROM ${workspaces} AS w
    WHERE oldestDue IS NOT NULL OR EXISTS (SELECT 1 FROM ${historyMoves} AS m WHERE m.workspace_id = w.id)`;
}

/** Those workspaces, the one with the oldest due task first (ids noted come before any). */
export async function dueWorkspaces(db: Db, now: number): Promise<DueWorkspace[]> {
  const rows = await db.all<DueWorkspace>(dueWorkspacesQuery(now));
  const order = (w: DueWorkspace) => w.oldestDue ?? Number.MIN_SAFE_INTEGER;
  return rows.sort((a, b) => order(a) - order(b));
}

/** The oldest due task of a workspace finished at or after `from` (the next day to move), or null; a min() probe as above. */
export async function nextDue(db: Db, workspaceId: string, from: number, cutoff: number): Promise<number | null> {
  const row = await nextDueQuery(db, workspaceId, from, cutoff).get();
  return row?.at ?? null;
}

export function nextDueQuery<D extends AnySqliteDb>(db: D, workspaceId: string, from: number, cutoff: number) {
  return db
    .select({ at: min(tasks.finishedAt) })
    .from(tasks)
    .where(and(eq(tasks.workspaceId, workspaceId), gte(tasks.finishedAt, from), lt(tasks.finishedAt, cutoff)));
}
