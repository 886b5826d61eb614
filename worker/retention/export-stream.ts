import type { Db } from "../db/client";
import { archivedLines } from "./archived-lines";
import { comparePositions, type HistoryLine, positionOf, rezoned } from "./history-line";
import type { FinishedRange } from "./history-page";
import { liveLines, StatementBudget } from "./live-lines";
import { ndjsonStream } from "./ndjson";
import { StaleCopies } from "./stale-copies";
import { utcDayOf } from "./utc-day";

export interface ExportRequest {
  workspaceId: string;
  /** The workspace's zone, for the compat time strings of every line. */
  timeZone: string;
  range: FinishedRange;
}

/**
 * `GET /task/export`: a period's finished tasks as NDJSON, in history order, from R2 (the
 * days moved) and D1 (the rest) together, each task once. Streamed: the body is pulled a
 * chunk at a time, so neither a day object nor the period is ever held whole.
 */
export function historyExport(db: Db, bucket: R2Bucket, request: ExportRequest): ReadableStream<Uint8Array> {
  return ndjsonStream(exportLines(db, bucket, request));
}

async function* exportLines(db: Db, bucket: R2Bucket, { workspaceId, timeZone, range }: ExportRequest): AsyncGenerator<HistoryLine> {
  const budget = new StatementBudget();
  const stale = await StaleCopies.of(db, workspaceId, utcDayOf(range.from), utcDayOf(range.to - 1), budget);
  const archived = archivedLines(bucket, workspaceId, range);
  const live = liveLines(db, workspaceId, timeZone, range, budget);
  for await (const line of merged(archived, live, stale)) yield line.source === "archived" ? rezoned(line.line, timeZone) : line.line;
}

type Sourced = { source: "archived" | "live"; line: HistoryLine };

/**
 * The two sources, both in history order, merged. A task in both at one position (a run died
 * between writing its object and deleting its row) comes once, as D1 has it; an archived copy
 * of a task whose row moved on (retried since) is dropped, its row shown where it stands.
 */
async function* merged(archived: AsyncGenerator<HistoryLine>, live: AsyncGenerator<HistoryLine>, stale: StaleCopies): AsyncGenerator<Sourced> {
  let a = await archived.next();
  let l = await live.next();
  for (;;) {
    if (a.done === true && l.done === true) return;
    const order = a.done === true ? 1 : l.done === true ? -1 : comparePositions(positionOf(a.value), positionOf(l.value));
    if (order < 0 && a.done !== true) {
      if (!(await stale.isStale(a.value))) yield { source: "archived", line: a.value };
      a = await archived.next();
    } else if (l.done !== true) {
      if (order === 0) a = await archived.next();
      yield { source: "live", line: l.value };
      l = await live.next();
    }
  }
}
