/**
 * The phone's queue, as rows in the object's own SQLite. A row is a task this phone must
 * run; its state says where the task is between the object and the agent:
 *
 *   waiting ──claim──► dispatched ──ack──► running ──result──► (row deleted)
 *      ▲                   │  no ack                 │ stop
 *      └───────────────────┘                         ▼
 *                                                stopping
 *   any active state ──connection lost──► orphaned ──grace over──► (task failed 1009)
 *
 * `posted` marks a running row whose agent has been told it may publish (`posting_ok`): from
 * then on a stop is only noted (`stop_requested`) and the run is let finish, since the post may
 * be out. `resends` counts how often an unacked `run` was sent again with the same attempt.
 *
 * At most one row is active (not waiting) at a time: one task per phone. Claiming moves a
 * row out of `waiting` in one statement before anything is sent, so a duplicate alarm or
 * a concurrent event finds nothing to claim.
 */
/** Meta key: the agent whose socket was lost while it ran the orphaned row. */
export const ORPHANED_BY = "orphaned_by";

export type RowState = "waiting" | "dispatched" | "running" | "stopping" | "orphaned";

export interface QueueRow {
  taskId: number;
  dueAt: number;
  state: RowState;
  attemptId: string | null;
  /** When the current state times out (ack, run, stop or grace deadline); null while waiting. */
  deadlineAt: number | null;
  /** The agent acknowledged the run (it may have started acting on the phone). */
  acked: boolean;
  /** The deadline the agent was given for its result. */
  runDeadlineAt: number | null;
  /** The agent was told it may publish: the post may be out. */
  posted: boolean;
  /** The user stopped or deleted the task after that: noted, not acted on. */
  stopRequested: boolean;
  /** Times the unacked `run` was sent again, with the same attempt. */
  resends: number;
  /** The library materials the run was sent with: marked used at its publishing tap. */
  libraryIds: number[];
}

interface RawRow extends Record<string, SqlStorageValue> {
  task_id: number;
  due_at: number;
  state: string;
  attempt_id: string | null;
  deadline_at: number | null;
  acked: number;
  run_deadline_at: number | null;
  posted: number;
  stop_requested: number;
  resends: number;
  library_ids: string;
}

const toRow = (r: RawRow): QueueRow => ({
  taskId: r.task_id,
  dueAt: r.due_at,
  state: r.state as RowState,
  attemptId: r.attempt_id,
  deadlineAt: r.deadline_at,
  acked: r.acked === 1,
  runDeadlineAt: r.run_deadline_at,
  posted: r.posted === 1,
  stopRequested: r.stop_requested === 1,
  resends: r.resends,
  libraryIds: JSON.parse(r.library_ids) as number[],
});

/** Columns added after the first release: an object created before them gets them here. */
const ADDED_COLUMNS: Record<string, string> = {
  posted: "INTEGER NOT NULL DEFAULT 0",
  stop_requested: "INTEGER NOT NULL DEFAULT 0",
  resends: "INTEGER NOT NULL DEFAULT 0",
  library_ids: "TEXT NOT NULL DEFAULT '[]'",
};

export class PhoneQueue {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(`
      CREATE TABLE IF NOT EXISTS queue (
        task_id INTEGER PRIMARY KEY,
        due_at INTEGER NOT NULL,
        state TEXT NOT NULL DEFAULT 'waiting',
        attempt_id TEXT,
        deadline_at INTEGER,
        acked INTEGER NOT NULL DEFAULT 0,
        run_deadline_at INTEGER
      );
      CREATE INDEX IF NOT EXISTS queue_order ON queue (state, due_at, task_id);
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
    const present = new Set(sql.exec<{ name: string }>(`SELECT name FROM pragma_table_info('queue')`).toArray().map((c) => c.name));
    for (const [column, type] of Object.entries(ADDED_COLUMNS)) {
      if (!present.has(column)) sql.exec(`ALTER TABLE queue ADD COLUMN ${column} ${type}`);
    }
  }

  /** Adds tasks, or moves a waiting one to its new due time; active rows are left alone. */
  add(tasks: readonly { id: number; scheduledAt: number }[]): void {
    for (const task of tasks) {
      this.sql.exec(
        `INSERT INTO queue (task_id, due_at) VALUES (?, ?)
         ON CONFLICT (task_id) DO UPDATE SET due_at = excluded.due_at WHERE state = 'waiting'`,
        task.id,
        task.scheduledAt,
      );
    }
  }

  /** Drops waiting rows; an active one stays until its run ends. */
  removeWaiting(taskIds: readonly number[]): void {
    for (const id of taskIds) this.sql.exec(`DELETE FROM queue WHERE task_id = ? AND state = 'waiting'`, id);
  }

  /** The attempt is over: its row goes. A newer row of the same task (a retry) stays. */
  finish(taskId: number, attemptId: string): void {
    this.sql.exec(`DELETE FROM queue WHERE task_id = ? AND attempt_id = ?`, taskId, attemptId);
  }

  /** The task no longer exists or is no longer pending in D1. */
  drop(taskId: number): void {
    this.sql.exec(`DELETE FROM queue WHERE task_id = ? AND state = 'waiting'`, taskId);
  }

  get(taskId: number): QueueRow | null {
    const rows = this.sql.exec<RawRow>(`SELECT * FROM queue WHERE task_id = ?`, taskId).toArray();
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** The row the phone is busy with, if any. */
  active(): QueueRow | null {
    const rows = this.sql.exec<RawRow>(`SELECT * FROM queue WHERE state != 'waiting' LIMIT 1`).toArray();
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** The next task to run: due, by start time then id. */
  nextDue(now: number): QueueRow | null {
    const rows = this.sql
      .exec<RawRow>(`SELECT * FROM queue WHERE state = 'waiting' AND due_at <= ? ORDER BY due_at, task_id LIMIT 1`, now)
      .toArray();
    return rows[0] ? toRow(rows[0]) : null;
  }

  earliestWaiting(): number | null {
    const rows = this.sql.exec<{ due: number | null }>(`SELECT min(due_at) AS due FROM queue WHERE state = 'waiting'`).toArray();
    return rows[0]?.due ?? null;
  }

  waitingCount(): number {
    return this.sql.exec<{ n: number }>(`SELECT count(*) AS n FROM queue WHERE state = 'waiting'`).one().n;
  }

  /** waiting → dispatched, only if still waiting and nothing else is active. */
  claim(taskId: number, attemptId: string, deadlineAt: number): boolean {
    const cursor = this.sql.exec(
      `UPDATE queue SET state = 'dispatched', attempt_id = ?, deadline_at = ?, acked = 0, posted = 0, stop_requested = 0, resends = 0, library_ids = '[]'
       WHERE task_id = ? AND state = 'waiting' AND NOT EXISTS (SELECT 1 FROM queue WHERE state != 'waiting')`,
      attemptId,
      deadlineAt,
      taskId,
    );
    return cursor.rowsWritten > 0;
  }

  /** The unacked run was sent again: wait for its ack until `deadlineAt`. */
  resent(taskId: number, attemptId: string, deadlineAt: number): void {
    this.sql.exec(`UPDATE queue SET resends = resends + 1, deadline_at = ? WHERE task_id = ? AND attempt_id = ?`, deadlineAt, taskId, attemptId);
  }

  /** The agent was told it may publish. */
  markPosted(taskId: number, attemptId: string): void {
    this.sql.exec(`UPDATE queue SET posted = 1 WHERE task_id = ? AND attempt_id = ?`, taskId, attemptId);
  }

  /** A stop after the publishing tap: kept for the result's remark. */
  markStopRequested(taskId: number, attemptId: string): void {
    this.sql.exec(`UPDATE queue SET stop_requested = 1 WHERE task_id = ? AND attempt_id = ?`, taskId, attemptId);
  }

  /** What the run was sent with: its deadline, and the library materials it posts. */
  noteRun(taskId: number, attemptId: string, deadlineAt: number, libraryIds: readonly number[]): void {
    this.sql.exec(`UPDATE queue SET run_deadline_at = ?, library_ids = ? WHERE task_id = ? AND attempt_id = ?`, deadlineAt, JSON.stringify(libraryIds), taskId, attemptId);
  }

  /** Moves the row of `attemptId` to `state`; false when that attempt is not the row's. */
  transition(taskId: number, attemptId: string, state: Exclude<RowState, "waiting">, deadlineAt: number, acked?: boolean): boolean {
    const cursor = this.sql.exec(
      `UPDATE queue SET state = ?, deadline_at = ?, acked = coalesce(?, acked) WHERE task_id = ? AND attempt_id = ?`,
      state,
      deadlineAt,
      acked === undefined ? null : acked ? 1 : 0,
      taskId,
      attemptId,
    );
    return cursor.rowsWritten > 0;
  }

  /** Back to waiting (the attempt is abandoned, nothing ran), due at `dueAt`. */
  release(taskId: number, attemptId: string, dueAt: number): void {
    this.sql.exec(
      `UPDATE queue SET state = 'waiting', attempt_id = NULL, deadline_at = NULL, acked = 0, run_deadline_at = NULL, posted = 0, stop_requested = 0, resends = 0, library_ids = '[]', due_at = ?
       WHERE task_id = ? AND attempt_id = ?`,
      dueAt,
      taskId,
      attemptId,
    );
  }

  getMeta(key: string): string | null {
    const rows = this.sql.exec<{ value: string }>(`SELECT value FROM meta WHERE key = ?`, key).toArray();
    return rows[0]?.value ?? null;
  }

  setMeta(key: string, value: string | null): void {
    if (value === null) this.sql.exec(`DELETE FROM meta WHERE key = ?`, key);
    else this.sql.exec(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value);
  }
}
