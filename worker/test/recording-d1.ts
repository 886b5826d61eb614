import type { BoundStatement } from "../db/query-plan";

export interface RecordedStatement extends BoundStatement {
  /** What the test was doing when the statement was sent. */
  label: string;
}

/**
 * A D1 database that notes every statement sent through it (its SQL and bound values) and
 * runs it on `d1` as usual. The query-plan test calls the product's own functions on it, so
 * it explains the very statements they send, not copies of them. Bound statements are the
 * real ones: `batch()` accepts only those.
 */
export function recordingD1(d1: D1Database, into: RecordedStatement[], label: () => string): D1Database {
  return new Proxy(d1, {
    get(target, property) {
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
