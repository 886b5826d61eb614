import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { inList } from "../db/in-list";
import { tasks } from "../db/schema";
import type { HistoryLine } from "./history-line";
import type { StatementBudget } from "./live-lines";
import { movesInDays } from "./moves";
import { type UtcDay, utcDayOf } from "./utc-day";

/**
 * The archived copies an export must not show: those of tasks noted in history_moves whose
 * row is still in D1 (a run died after writing the object, or the task was retried while it
 * was moved). D1's row is the task as it is, so the export shows that one, where it stands.
 * The ids noted are few (what one run moved at most); D1 is asked about a day's only when a
 * copy of one of them comes up unmatched, once for the whole day.
 */
export class StaleCopies {
  private readonly inD1 = new Map<UtcDay, Promise<Set<number>>>();

  private constructor(
    private readonly db: Db,
    private readonly workspaceId: string,
    private readonly noted: Map<UtcDay, Set<number>>,
    private readonly budget: StatementBudget,
  ) {}

  static async of(db: Db, workspaceId: string, first: UtcDay, last: UtcDay, budget: StatementBudget): Promise<StaleCopies> {
    const noted = new Map<UtcDay, Set<number>>();
    for (const { day, taskId } of await movesInDays(db, workspaceId, first, last).all()) noted.set(day, (noted.get(day) ?? new Set()).add(taskId));
    budget.spend(1);
    return new StaleCopies(db, workspaceId, noted, budget);
  }

  async isStale(line: HistoryLine): Promise<boolean> {
    const day = utcDayOf(Date.parse(line.finished_at ?? ""));
    const ids = this.noted.get(day);
    if (ids === undefined || !ids.has(line.id)) return false;
    let inD1 = this.inD1.get(day);
    if (inD1 === undefined) {
      this.budget.reserve(1);
      this.budget.spend(1);
      inD1 = this.stillInD1([...ids]);
      this.inD1.set(day, inD1);
    }
    return (await inD1).has(line.id);
  }

  private async stillInD1(ids: readonly number[]): Promise<Set<number>> {
    const rows = await this.db
      .select({ id: tasks.id })
      .from(tasks)
      .where(and(eq(tasks.workspaceId, this.workspaceId), inList(tasks.id, ids)))
      .all();
    return new Set(rows.map((r) => r.id));
  }
}
