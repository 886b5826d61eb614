/**
 * What one Cron run may do. A day object is written at most once a run (R2 allows one write a
 * second to a key), so a day with more due tasks than `dayTasks` takes several runs. The D1
 * statements a run can send follow from these (docs/retention.md "Cost"): maxStatements, 202
 * for RUN_BUDGET, well under D1's 1,000 per invocation.
 */
export interface RunBudget {
  /** Tasks moved in all. */
  tasks: number;
  /** Day objects written. */
  days: number;
  /** One day object's write: tasks and log lines (its memory). */
  dayTasks: number;
  dayLines: number;
}

export const RUN_BUDGET: RunBudget = { tasks: 6000, days: 20, dayTasks: 2000, dayLines: 10_000 };

/**
 * Statements a run sends at most: 2 to plan; per day written, the page (1), its log lines (1,
 * and 1 more for each task past MAX_LOG_LINES, at most 2 as they fill the day's lines), 2 to
 * note, 3 to delete, and 1 to find the next day.
 */
export function maxStatements(budget: RunBudget): number {
  return 2 + budget.days * (1 + 1 + 2 + 2 + 3 + 1);
}
