import type { D1Database } from "@cloudflare/workers-types/experimental";
import { openDb } from "../../worker/db/client";
import { homeData } from "../../worker/web/data/home-data";

/** One statement of the home page and the rows D1 read for it. */
export interface StatementRead {
  /** Its SQL from FROM on, quotes dropped, shortened: which table and filter. */
  what: string;
  rowsRead: number;
}

/**
 * What one view of the home page costs D1: the Worker's own `homeData` (the page's queries,
 * one batch) run once through Miniflare's D1 on the section's database, each statement's
 * `meta.rows_read` recorded. D1 bills rows read, and the page refreshes itself every 10 s
 * while it is open.
 */
export async function homeRowsRead(db: D1Database, workspaceId: string, timeZone: string): Promise<StatementRead[]> {
  const reads: StatementRead[] = [];
  await homeData(openDb(recording(db, reads) as unknown as globalThis.D1Database), workspaceId, timeZone);
  return reads;
}

/** `db` with every batch's rows_read recorded per statement, in the batch's order. */
function recording(db: D1Database, reads: StatementRead[]): D1Database {
  const sqlOf = new WeakMap<object, string>();
  return overriding(db, {
    prepare: (sql: string) => {
      const prepared = db.prepare(sql);
      const statement = overriding(prepared, {
        bind: (...values: unknown[]) => {
          const bound = prepared.bind(...values);
          sqlOf.set(bound, sql);
          return bound;
        },
      });
      sqlOf.set(statement, sql);
      return statement;
    },
    batch: async (statements: Parameters<D1Database["batch"]>[0]) => {
      const results = await db.batch(statements);
      results.forEach((result, i) => {
        const statement = statements[i];
        reads.push({ what: shorten(statement === undefined ? "?" : (sqlOf.get(statement) ?? "?")), rowsRead: result.meta.rows_read });
      });
      return results;
    },
  });
}

/** `target` with `own`'s properties in place of its own of those names; its other functions bound to it. */
function overriding<T extends object>(target: T, own: Record<string, unknown>): T {
  return new Proxy(target, {
    get(t, property) {
      if (typeof property === "string" && Object.hasOwn(own, property)) return own[property];
      const value: unknown = Reflect.get(t, property, t);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  });
}

function shorten(sql: string): string {
  const plain = sql.replaceAll('"', "").replace(/\s+/g, " ");
  const from = plain.search(/\bfrom\b/i);
  const text = from < 0 ? plain : plain.slice(from);
  return text.length > 110 ? `${text.slice(0, 107)}...` : text;
}
