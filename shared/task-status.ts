/** Task states as TikMatrix numbers them; the numbers are part of the public API. */
export const TaskStatus = {
  Pending: 0,
  Running: 1,
  Completed: 2,
  Failed: 3,
} as const;

export type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];

export const TASK_STATUSES: readonly TaskStatus[] = [0, 1, 2, 3];

/** Where a task was made: through the API or from a dashboard. */
export const TASK_SOURCES = ["api", "ui"] as const;
export type TaskSource = (typeof TASK_SOURCES)[number];
