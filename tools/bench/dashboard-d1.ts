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
  return new Proxy(db, {
    get(target, property) {
      if (property === "prepare") {
        return (sql: string) => {
          const statement = target.prepare(sql);
          sqlOf.set(statement, sql);
          return new Proxy(statement, {
            get(s, p) {
              if (p === "bind") {
                return (...values: unknown[]) => {
                  const bound = s.bind(...values);
                  sqlOf.set(bound, sql);
                  return bound;
                };
              }
              const value: unknown = Reflect.get(s, p, s);
              return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(s) : value;
            },
          });
        };
      }
      if (property === "batch") {
        return async (statements: Parameters<D1Database["batch"]>[0]) => {
          const results = await target.batch(statements);
          results.forEach((result, i) => {
            const statement = statements[i];
            reads.push({ what: shorten(statement === undefined ? "?" : (sqlOf.get(statement) ?? "?")), rowsRead: result.meta.rows_read });
          });
          return results;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function shorten(sql: string): string {
  const plain = sql.replaceAll('"', "").replace(/\s+/g, " ");
  const from = plain.search(/\bfrom\b/i);
  const text = from < 0 ? plain : plain.slice(from);
  return text.length > 110 ? `${text.slice(0, 107)}...` : text;
}
