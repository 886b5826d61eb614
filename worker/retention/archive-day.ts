import type { Db } from "../db/client";
import { releaseClaims } from "../materials/claim";
import { readDay, writeDay } from "./day-object";
import { historyLineOf } from "./history-line";
import { historyPage, type PageLimits } from "./history-page";
import { mergeDay } from "./merge-day";
import { deleteMovedRows } from "./moved-rows";
import { clearMoves, movesOfDay, noteMoves } from "./moves";
import { DAY_MS, startOfDay, type UtcDay } from "./utc-day";

/** A workspace as the job moves its history. */
export interface ArchivingWorkspace {
  id: string;
  timezone: string;
  /** Tasks finished before this may leave D1 (retentionCutoff). */
  cutoff: number;
}

export interface DayOutcome {
  /** Tasks read from D1 and written into the day object. */
  taken: number;
  /** Rows that left D1 for the day object (fewer than taken when some changed meanwhile). */
  moved: number;
  /** The object was written (or had nothing to change). */
  written: boolean;
  /** D1 statements spent. */
  statements: number;
}

/**
 * Moves a workspace's due tasks of one UTC day (as many as `limits` allow) into the day's
 * object, once: read what earlier runs noted, note these, merge them into the object by task
 * id, write it if nobody else did meanwhile, then delete the rows it now holds. A run that
 * dies at any step leaves the rows in D1 and their ids noted, which the next write of the
 * day drops from the object before merging them again (docs/retention.md).
 */
export async function archiveDay(db: Db, bucket: R2Bucket, workspace: ArchivingWorkspace, day: UtcDay, limits: PageLimits): Promise<DayOutcome> {
  const range = { from: startOfDay(day), to: Math.min(startOfDay(day) + DAY_MS, workspace.cutoff) };
  const page = range.from < range.to ? await historyPage(db, workspace.id, range, null, limits) : { tasks: [], next: null, statements: 0 };
  const ids = page.tasks.map((t) => t.task.id);
  const [noted] = await db.batch([movesOfDay(db, workspace.id, day), noteMoves(db, workspace.id, day, ids)]);
  const dropped = new Set([...noted.map((m) => m.taskId), ...ids]);
  const spent = page.statements + 2;
  if (dropped.size === 0) return { taken: 0, moved: 0, written: true, statements: spent };

  const stored = await readDay(bucket, workspace.id, day);
  const fresh = page.tasks.map((t) => historyLineOf(t.task, t.logs, workspace.timezone));
  const written = await writeDay(bucket, workspace.id, day, mergeDay(stored?.lines ?? noLines(), dropped, fresh), stored?.etag ?? null);
  // Another run wrote the object since it was read: its rows stay, still noted, for the next run.
  if (!written) return { taken: 0, moved: 0, written: false, statements: spent };

  // As a delete does, the tasks' library claims go back (a finished task should hold none).
  const [deleted] = await db.batch([deleteMovedRows(db, workspace.id, page.tasks), releaseClaims(db, workspace.id, ids), clearMoves(db, workspace.id, day, [...dropped], ids)]);
  return { taken: ids.length, moved: deleted.length, written: true, statements: spent + 3 };
}

async function* noLines(): AsyncGenerator<never> {}
