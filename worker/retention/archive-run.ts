import type { Db } from "../db/client";
import { archiveDay, type ArchivingWorkspace } from "./archive-day";
import { dueWorkspaces, nextDue } from "./due-workspaces";
import { movedDays } from "./moves";
import { dayAfter, retentionCutoff, startOfDay, type UtcDay, utcDayOf } from "./utc-day";

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

export interface RunReport {
  /** Tasks written into day objects, and of them the rows that left D1. */
  taken: number;
  moved: number;
  /** Day objects read (and written when they changed). */
  days: number;
  /** Day objects another writer changed while this run read them: left for the next run. */
  conflicts: number;
  statements: number;
}

/**
 * The Cron Trigger's move of finished tasks past their workspace's retention from D1 to the
 * history in R2 (docs/retention.md). Bounded by `budget`; resumable from any point, because
 * every day's move can be repeated: what a run did not finish, the next one finishes.
 */
export async function archiveHistory(db: Db, bucket: R2Bucket, now: number, budget: RunBudget = RUN_BUDGET): Promise<RunReport> {
  const run = new Run(db, bucket, budget);
  const noted = await movedDays(db, budget.days).all();
  for (const workspace of await dueWorkspaces(db, now)) {
    if (run.spent()) break;
    const archiving = { id: workspace.id, timezone: workspace.timezone, cutoff: retentionCutoff(now, workspace.retentionDays) };
    const repairs = noted.filter((n) => n.workspaceId === workspace.id).map((n) => n.day);
    await run.workspace(archiving, repairs, workspace.oldestDue);
  }
  return run.report;
}

/** One run's budget and what it did. */
class Run {
  readonly report: RunReport = { taken: 0, moved: 0, days: 0, conflicts: 0, statements: 2 };
  private readonly written = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly bucket: R2Bucket,
    private readonly budget: RunBudget,
  ) {}

  spent(): boolean {
    return this.report.taken >= this.budget.tasks || this.report.days >= this.budget.days;
  }

  /** The days a run that died left noted first, then the due days from the oldest, while the budget lasts. */
  async workspace(workspace: ArchivingWorkspace, repairs: readonly UtcDay[], oldestDue: number | null): Promise<void> {
    for (const day of repairs) {
      if (this.spent()) return;
      await this.day(workspace, day);
    }
    let at = oldestDue;
    while (at !== null && !this.spent()) {
      const day = utcDayOf(at);
      // A day already written this run, or cut short by dayTasks, is the next run's to finish
      // (its object is written once a run); the days after it are not.
      if (!this.written.has(`${workspace.id}/${day}`)) await this.day(workspace, day);
      at = await nextDue(this.db, workspace.id, startOfDay(dayAfter(day)), workspace.cutoff);
      this.report.statements++;
    }
  }

  private async day(workspace: ArchivingWorkspace, day: UtcDay): Promise<void> {
    this.written.add(`${workspace.id}/${day}`);
    const limits = { tasks: Math.min(this.budget.dayTasks, this.budget.tasks - this.report.taken), lines: this.budget.dayLines };
    const outcome = await archiveDay(this.db, this.bucket, workspace, day, limits);
    this.report.taken += outcome.taken;
    this.report.moved += outcome.moved;
    this.report.days++;
    this.report.statements += outcome.statements;
    if (!outcome.written) this.report.conflicts++;
  }
}
