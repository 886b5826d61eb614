import type { Db } from "../db/client";
import { historyLineOf, type HistoryLine, type Position } from "./history-line";
import { type FinishedRange, historyPage, type PageLimits } from "./history-page";

/** One export page of D1: a few MB of rows and lines at most. */
export const EXPORT_PAGE: PageLimits = { tasks: 500, lines: 10_000 };

/**
 * D1 allows 1,000 queries per invocation, and a response's stream is part of its request's:
 * past this many statements an export stops (the stream fails, the client sees a cut-off
 * body) rather than be stopped by the platform mid-page. A page costs 2 statements, and one
 * more per task whose log is longer than the API shows.
 */
export const EXPORT_STATEMENTS = 900;

/** What a response may still spend on D1. */
export class StatementBudget {
  private spent = 0;

  constructor(private readonly limit: number = EXPORT_STATEMENTS) {}

  spend(statements: number): void {
    this.spent += statements;
  }

  /** Throws when `statements` more would pass the limit: the export is too large for one response. */
  reserve(statements: number): void {
    if (this.spent + statements > this.limit) {
      throw new Error(`history export stopped after ${this.spent} D1 statements (of ${this.limit}): the period holds too many tasks still in D1 for one response`);
    }
  }
}

/** The finished tasks of a range still in D1, in history order, page by page as the reader pulls. */
export async function* liveLines(db: Db, workspaceId: string, timeZone: string, range: FinishedRange, budget: StatementBudget): AsyncGenerator<HistoryLine> {
  let after: Position | null = null;
  do {
    budget.reserve(2 + 2);
    const page = await historyPage(db, workspaceId, range, after, EXPORT_PAGE);
    budget.spend(page.statements);
    for (const { task, logs } of page.tasks) yield historyLineOf(task, logs, timeZone);
    after = page.next;
  } while (after !== null);
}
