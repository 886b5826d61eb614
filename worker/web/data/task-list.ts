import { TASK_SOURCES, TASK_STATUSES, type TaskSource, type TaskStatus } from "../../../shared/task-status";
import type { Db } from "../../db/client";
import type { Task } from "../../db/schema";
import { listTasks, type TaskFilters } from "../../tasks/queries";

/** Rows a page of the list shows; the next page is fetched as the user scrolls. */
export const TASKS_PER_PAGE = 20;

export interface TaskListQuery {
  filters: TaskFilters;
  page: number;
}

/** The list's filters from the page's query string; anything unreadable is simply not a filter. */
export function taskListQueryOf(query: (name: string) => string | undefined): TaskListQuery {
  const status = Number(query("status"));
  const source = query("source");
  const page = Number(query("page"));
  const text = (name: string) => {
    const value = query(name)?.trim();
    return value === undefined || value === "" ? undefined : value.slice(0, 200);
  };
  return {
    filters: {
      status: query("status") !== "" && TASK_STATUSES.includes(status as TaskStatus) ? (status as TaskStatus) : undefined,
      serial: text("serial"),
      scriptName: text("script_name"),
      source: TASK_SOURCES.includes(source as TaskSource) ? (source as TaskSource) : undefined,
    },
    page: Number.isSafeInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

/** The query string of the same filters on another page. */
export function taskListHref(query: TaskListQuery, page: number): string {
  const params = new URLSearchParams();
  const { status, serial, scriptName, source } = query.filters;
  if (status !== undefined) params.set("status", String(status));
  if (serial !== undefined) params.set("serial", serial);
  if (scriptName !== undefined) params.set("script_name", scriptName);
  if (source !== undefined) params.set("source", source);
  if (page > 1) params.set("page", String(page));
  const text = params.toString();
  return text === "" ? "/tasks" : `/tasks?${text}`;
}

/** One page of the list, newest first, through the API's own query. */
export async function taskPage(db: Db, workspaceId: string, query: TaskListQuery): Promise<{ rows: Task[]; total: number; hasMore: boolean }> {
  const { rows, total } = await listTasks(db, workspaceId, query.filters, TASKS_PER_PAGE, { offset: (query.page - 1) * TASKS_PER_PAGE });
  return { rows, total, hasMore: query.page * TASKS_PER_PAGE < total };
}
