import { TASK_STATUSES } from "../../shared/task-status";
import { offsetOf } from "../../worker/http/query";
import { listQuerySchema } from "../../worker/routes/tasks/params";
import type { TaskFilters } from "../../worker/tasks/queries";
import { expectedTotal } from "./seed";

/** One GET /api/v1/task measured by sections 2 and 3. */
export interface ListCase {
  name: string;
  /** The query string sent, without "?". */
  query: string;
  filters: TaskFilters;
  limit: number;
  offset: number;
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
  ["deep page (page=1000, size 100)", "page=1000&page_size=100"],
];

/**
 * The query strings are read with the Worker's own schema (defaults included), then
 * turned into filters, limit and offset as the route does, so section 3 runs exactly
 * the statements that section 2's requests make the Worker run.
 */
export function listCases(): ListCase[] {
  return CASES.map(([name, query]) => {
    const parsed = listQuerySchema.safeParse(Object.fromEntries(new URLSearchParams(query)));
    if (!parsed.success) throw new Error(`list case "${name}" is not a valid query: ${parsed.error.message}`);
    const q = parsed.data;
    const filters: TaskFilters = {
      status: TASK_STATUSES.find((s) => s === q.status),
      serial: q.serial,
      scriptName: q.script_name,
      source: q.source,
    };
    const offset = offsetOf(q.page, q.page_size);
    const total = expectedTotal(filters);
    return {
      name,
      query,
      filters,
      limit: q.page_size,
      offset,
      page: q.page,
      pageSize: q.page_size,
      expectedTotal: total,
      expectedRows: Math.max(0, Math.min(q.page_size, total - offset)),
    };
  });
}
