import type { Task } from "../db/schema";
import { type ApiLogLine, presentLogLine, type TaskLogLine } from "../tasks/log-lines";
import { type ApiTask, presentTask } from "../tasks/presenter";
import { formatCompat } from "../time/zoned";

/**
 * One line of the history (a day object in R2, and the export): the task as
 * `GET /task/{id}` shows it, plus `logs` as `GET /task/{id}/logs` shows them (docs/api.md
 * "History").
 */
export type HistoryLine = ApiTask & { logs: ApiLogLine[] };

/** Where a line stands in the history: by finished_at, then id (both sources are read in this order). */
export interface Position {
  finishedAt: number;
  id: number;
}

export function historyLineOf(task: Task, logs: readonly TaskLogLine[], timeZone: string): HistoryLine {
  return { ...presentTask(task, timeZone), logs: logs.map(presentLogLine) };
}

export function positionOf(line: HistoryLine): Position {
  return { finishedAt: Date.parse(line.finished_at ?? ""), id: line.id };
}

export function comparePositions(a: Position, b: Position): number {
  return a.finishedAt - b.finishedAt || a.id - b.id;
}

/**
 * A line read back from R2. The objects are the job's own writing, so a line that is not a
 * finished task is corruption: it stops the reader loudly rather than vanish from an export.
 */
export function parseHistoryLine(text: string): HistoryLine {
  const line = JSON.parse(text) as HistoryLine;
  if (typeof line !== "object" || line === null || !Number.isSafeInteger(line.id) || !Number.isFinite(Date.parse(line.finished_at ?? "")) || !Array.isArray(line.logs)) {
    throw new Error(`a history line that is not a finished task: ${text.slice(0, 120)}`);
  }
  return line;
}

/**
 * The line with its compat time strings on `timeZone`'s clock: a line is written in the zone
 * of its day's move, and the export shows every task in the workspace's zone of today, as
 * the task routes do.
 */
export function rezoned(line: HistoryLine, timeZone: string): HistoryLine {
  const started = Date.parse(line.started_at ?? line.scheduled_at ?? "");
  const finished = Date.parse(line.finished_at ?? "");
  return { ...line, start_time: formatCompat(started, timeZone), end_time: formatCompat(finished, timeZone) };
}
