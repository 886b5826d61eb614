/**
 * SQL text for `wrangler d1 execute`, which takes a finished statement and has no
 * parameter binding. Values therefore become literals here and nowhere else: the `sql`
 * tag quotes every interpolated value, and d1Execute accepts only what the tag made, so
 * raw input cannot reach the database by string concatenation.
 */
export type SqlValue = string | number | null;

declare const sqlBrand: unique symbol;
export interface Sql {
  readonly text: string;
  readonly [sqlBrand]: true;
}

/** One value as a SQLite literal. */
export function sqlLiteral(value: SqlValue): string {
  if (value === null) return "NULL";
  if (typeof value === "number") {
    // Only integers: every number the tools store is one, and a float's text form
    // (1e+21, NaN, Infinity) is not always valid SQL.
    if (!Number.isSafeInteger(value)) throw new TypeError(`not a safe integer for SQL: ${String(value)}`);
    return String(value);
  }
  // A NUL would cut the statement short in SQLite's C API and cannot pass through argv.
  if (value.includes("\0")) throw new TypeError("a SQL string value cannot contain a NUL character");
  // Inside '…' only the quote itself is special in SQLite; backslashes are literal.
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Tagged template: fixed SQL around quoted values. A value that is itself `Sql` (made by
 * this tag) is a fragment and goes in as it is, so subqueries can be composed.
 */
export function sql(strings: TemplateStringsArray, ...values: readonly (SqlValue | Sql)[]): Sql {
  let text = strings[0] ?? "";
  values.forEach((value, i) => {
    text += (isSql(value) ? value.text : sqlLiteral(value)) + (strings[i + 1] ?? "");
  });
  return { text } as Sql;
}

function isSql(value: SqlValue | Sql): value is Sql {
  return typeof value === "object" && value !== null;
}

/** Several statements run as one batch (one wrangler call, one transaction). */
export function sqlBatch(...statements: readonly Sql[]): Sql {
  return { text: statements.map((s) => s.text.trim().replace(/;$/, "")).join(";\n") } as Sql;
}
