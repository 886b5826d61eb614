/**
 * D1 refuses a statement that binds more than 100 parameters ("too many SQL variables"),
 * but the local runtime's SQLite allows thousands, so a query that is too wide passes
 * every local test and fails only in production. Every database handle the Worker opens
 * goes through this guard, which holds local runs to production's limit.
 */
export const D1_MAX_BOUND_PARAMETERS = 100;

export class TooManyParametersError extends Error {
  constructor(count: number, sql: string) {
    super(`statement binds ${count} parameters (D1 allows ${D1_MAX_BOUND_PARAMETERS}): ${sql.slice(0, 120)}`);
    this.name = "TooManyParametersError";
  }
}

export function withParameterLimit(db: D1Database): D1Database {
  return forward(db, {
    prepare: (sql: string) => {
      const statement = db.prepare(sql);
      return forward(statement, {
        bind: (...values: unknown[]) => {
          if (values.length > D1_MAX_BOUND_PARAMETERS) throw new TooManyParametersError(values.length, sql);
          return statement.bind(...values);
        },
      });
    },
  });
}

/** A view of `target` in which `overrides` replace some methods; the rest stay bound to it. */
function forward<T extends object>(target: T, overrides: Partial<Record<keyof T, unknown>>): T {
  return new Proxy(target, {
    get(t, property) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof T];
      const value: unknown = Reflect.get(t, property, t);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  });
}
