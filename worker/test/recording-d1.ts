import type { BoundStatement } from "../db/query-plan";

export interface RecordedStatement extends BoundStatement {
  /** What the test was doing when the statement was sent. */
  label: string;
}

/** One `batch()`: its statements are among the recorded ones, and travel in one round trip. */
export interface RecordedBatch {
  label: string;
  size: number;
}

/**
 * A D1 database that notes every statement sent through it (its SQL and bound values) and
 * runs it on `d1` as usual. The query-plan test calls the product's own functions on it, so
 * it explains the very statements they send, not copies of them. Bound statements are the
 * real ones: `batch()` accepts only those.
 */
export function recordingD1(d1: D1Database, into: RecordedStatement[], label: () => string, batches: RecordedBatch[] = []): D1Database {
  return new Proxy(d1, {
    get(target, property) {
      if (property === "batch") {
        return (statements: D1PreparedStatement[]) => {
          batches.push({ label: label(), size: statements.length });
          return target.batch(statements);
        };
      }
      if (property === "prepare") {
        return (sql: string) => {
          const record: RecordedStatement = { label: label(), sql, params: [] };
          into.push(record);
          const statement = target.prepare(sql);
          return new Proxy(statement, {
            get(s, p) {
              if (p === "bind") {
                return (...values: unknown[]) => {
                  record.params = values;
                  return s.bind(...values);
                };
              }
              const value: unknown = Reflect.get(s, p, s);
              return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(s) : value;
            },
          });
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * The round trips to D1 among `statements`: one per batch, and one per statement sent alone.
 * (A bound statement is the real one, so its own run() is not seen; it is counted as the
 * statement it was prepared as, less those a batch carried.)
 */
export function roundTripsOf(statements: readonly RecordedStatement[], batches: readonly RecordedBatch[]): number {
  return statements.length - batches.reduce((sum, batch) => sum + batch.size, 0) + batches.length;
}
