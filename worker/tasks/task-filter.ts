import { and, eq, type SQL } from "drizzle-orm";
import type { TaskSource, TaskStatus } from "../../shared/task-status";
import { tasks } from "../db/schema";

/** The list filters of `GET /task` (and the dashboard's task list). */
export interface TaskFilters {
  status?: TaskStatus | undefined;
  serial?: string | undefined;
  scriptName?: string | undefined;
  source?: TaskSource | undefined;
}

/** The WHERE of a task list: always the workspace, then each filter given. */
export function taskFilter(workspaceId: string, filters: TaskFilters): SQL | undefined {
  return and(
    eq(tasks.workspaceId, workspaceId),
    filters.status === undefined ? undefined : eq(tasks.status, filters.status),
    filters.serial === undefined ? undefined : eq(tasks.serial, filters.serial),
    filters.scriptName === undefined ? undefined : eq(tasks.scriptName, filters.scriptName),
    filters.source === undefined ? undefined : eq(tasks.source, filters.source),
  );
}
