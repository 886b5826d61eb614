/**
 * D1 and R2 as the code under test uses them, with a hook at every step of I/O: each D1 round
 * trip (a statement run alone, or a batch) and each R2 call, before it is sent and after it
 * answered. A hook that throws is the Worker dying at that very point (the call not sent, or
 * sent and its answer lost); one that does something is another request racing the code. The
 * calls themselves go to the real local D1 and R2, unchanged.
 */
export interface IoStep {
  /** Counted from 0 across D1 and R2, in the order the code made its calls. */
  n: number;
  phase: "before" | "after";
  /** `d1: <sql>`, `d1: batch of N`, or `r2 <method> <key>`. */
  what: string;
}

export type OnStep = (step: IoStep) => void | Promise<void>;

export interface SteppedIo {
  d1: D1Database;
  bucket: R2Bucket;
  /** Calls made so far. */
  readonly calls: number;
}

export function steppedIo(d1: D1Database, bucket: R2Bucket, onStep: OnStep): SteppedIo {
  let calls = 0;
  const around = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
    const n = calls++;
    await onStep({ n, phase: "before", what });
    const result = await call();
    await onStep({ n, phase: "after", what });
    return result;
  };
  return {
    d1: steppedD1(d1, around),
    bucket: steppedBucket(bucket, around),
    get calls() {
      return calls;
    },
  };
}

type Around = <T>(what: string, call: () => Promise<T>) => Promise<T>;

const RUNS = new Set<PropertyKey>(["all", "run", "first", "raw"]);

function steppedD1(d1: D1Database, around: Around): D1Database {
  // batch() takes only the runtime's own statements: each proxy handed out maps back to its statement.
  const real = new WeakMap<object, D1PreparedStatement>();
  const wrap = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get(target, property) {
        if (property === "bind") return (...values: unknown[]) => wrap(target.bind(...values), sql);
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== "function") return value;
        const method = (value as (...a: unknown[]) => Promise<unknown>).bind(target);
        return RUNS.has(property) ? (...args: unknown[]) => around(`d1: ${sql}`, () => method(...args)) : method;
      },
    });
    real.set(proxy, statement);
    return proxy;
  };
  return new Proxy(d1, {
    get(target, property) {
      if (property === "prepare") return (sql: string) => wrap(target.prepare(sql), sql);
      if (property === "batch") {
        return (statements: D1PreparedStatement[]) => around(`d1: batch of ${statements.length}`, () => target.batch(statements.map((s) => real.get(s) ?? s)));
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const BUCKET_CALLS = new Set<PropertyKey>(["get", "put", "head", "list", "delete"]);

function steppedBucket(bucket: R2Bucket, around: Around): R2Bucket {
  return new Proxy(bucket, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      const method = (value as (...a: unknown[]) => Promise<unknown>).bind(target);
      if (!BUCKET_CALLS.has(property)) return method;
      return (...args: unknown[]) => around(`r2 ${String(property)} ${typeof args[0] === "string" ? args[0] : JSON.stringify(args[0] ?? null)}`, () => method(...args));
    },
  });
}
