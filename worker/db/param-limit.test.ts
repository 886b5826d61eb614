import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { openDb } from "./client";
import { TooManyParametersError } from "./param-limit";

const selectOf = (n: number) => `select ${Array.from({ length: n }, () => "?").join(" + ")} as total`;

describe("the D1 handle of the Worker", () => {
  it("runs a statement binding exactly 100 parameters", async () => {
    const db = openDb(env.DB).$client;
    const row = await db.prepare(selectOf(100)).bind(...Array.from({ length: 100 }, () => 1)).first<{ total: number }>();
    expect(row?.total).toBe(100);
  });

  it("refuses a statement binding 101, as production D1 does", () => {
    const db = openDb(env.DB).$client;
    expect(() => db.prepare(selectOf(101)).bind(...Array.from({ length: 101 }, () => 1))).toThrowError(
      TooManyParametersError,
    );
  });

  it("still runs batches of bound statements", async () => {
    const db = openDb(env.DB).$client;
    const results = await db.batch([db.prepare("select ? as v").bind(1), db.prepare("select ? as v").bind(2)]);
    expect(results.map((r) => (r.results[0] as { v: number }).v)).toEqual([1, 2]);
  });
});
