import { TASK_STATUSES } from "../../shared/task-status";
import { offsetOf } from "../../worker/http/query";
import { listQuerySchema } from "../../worker/routes/tasks/params";
import { encodeCursor } from "../../worker/tasks/list-cursor";
import type { PageStart, TaskFilters } from "../../worker/tasks/queries";
import { expectedTotal } from "./seed";

/** One GET /api/v1/task measured by sections 2 and 3. */
export interface ListCase {
  name: string;
  /** The query string sent, without "?". */
  query: string;
  filters: TaskFilters;
  limit: number;
  /** Where the page starts: an offset (page, page_size) or below an id (cursor). */
  start: PageStart;
  page: number;
  pageSize: number;
  /** What the answer must say: `total`, and how many tasks the page holds. */
  expectedTotal: number;
  expectedRows: number;
}

const CASES: readonly (readonly [name: string, query: string])[] = [
  ["no filter", ""],
  ["status=1", "status=1"],
  ["serial=phone-7", "serial=phone-7"],
  ["script_name=follow", "script_name=follow"],
  ["source=ui", "source=ui"],
  ["status=1&serial=phone-7", "status=1&serial=phone-7"],
  // The pairs without an index of their own (docs/scale.md): one index walked, the other column tested per row.
  ["status=1&script_name=follow", "status=1&script_name=follow"],
  ["status=1&source=ui", "status=1&source=ui"],
  ["deep page (page=1000, size 100)", "page=1000&page_size=100"],
];

/** The deep page by offset above, by cursor instead: the same 100 tasks. */
const DEEP_PAGE = { page: 1000, pageSize: 100 };

/**
 * The query strings are read with the Worker's own schema (defaults included), then
 * turned into filters, limit and offset as the route does, so section 3 runs exactly
 * the statements that section 2's requests make the Worker run.
 */
export function listCases(seed: { lastId: number }): ListCase[] {
  const deepOffset = (DEEP_PAGE.page - 1) * DEEP_PAGE.pageSize;
  // Newest first: the task at that offset has the id lastId - offset; the cursor starts below the one before it.
  const deepCursor = encodeCursor(seed.lastId - deepOffset + 1);
  const cases: (readonly [string, string])[] = [...CASES, [`deep page by cursor (page ${DEEP_PAGE.page}'s tasks)`, `cursor=${deepCursor}&page_size=${DEEP_PAGE.pageSize}`]];
  return cases.map(([name, query]) => {
    const parsed = listQuerySchema.safeParse(Object.fromEntries(new URLSearchParams(query)));
    if (!parsed.success) throw new Error(`list case "${name}" is not a valid query: ${parsed.error.message}`);
    const q = parsed.data;
    const filters: TaskFilters = {
      status: TASK_STATUSES.find((s) => s === q.status),
      serial: q.serial,
      scriptName: q.script_name,
      source: q.source,
    };
    const offset = q.cursor === undefined ? offsetOf(q.page, q.page_size) : deepOffset;
    const total = expectedTotal(filters);
    return {
      name,
      query,
      filters,
      limit: q.page_size,
      start: q.cursor === undefined ? { offset } : { belowId: q.cursor },
      page: q.page,
      pageSize: q.page_size,
      expectedTotal: total,
      expectedRows: Math.max(0, Math.min(q.page_size, total - offset)),
    };
  });
}
