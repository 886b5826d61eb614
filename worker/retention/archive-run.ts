import type { Db } from "../db/client";
import { archiveDay, type ArchivingWorkspace } from "./archive-day";
import { dueWorkspaces, nextDue } from "./due-workspaces";
import { RUN_BUDGET, type RunBudget } from "./run-budget";
import { movedDays } from "./moves";
import { dayAfter, retentionCutoff, startOfDay, type UtcDay, utcDayOf } from "./utc-day";

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
