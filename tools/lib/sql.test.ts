import { describe, expect, test } from "vitest";
import { sql, sqlBatch, sqlLiteral } from "./sql";

describe("sqlLiteral", () => {
  test("doubles single quotes and leaves everything else as it is", () => {
    expect(sqlLiteral("O'Brien")).toBe("'O''Brien'");
    expect(sqlLiteral("''")).toBe("''''''");
    expect(sqlLiteral(String.raw`a\'; DROP TABLE x; --`)).toBe(String.raw`'a\''; DROP TABLE x; --'`);
    expect(sqlLiteral("")).toBe("''");
  });

  test("writes safe integers and NULL", () => {
    expect(sqlLiteral(0)).toBe("0");
    expect(sqlLiteral(-42)).toBe("-42");
    expect(sqlLiteral(Number.MAX_SAFE_INTEGER)).toBe("9007199254740991");
    expect(sqlLiteral(null)).toBe("NULL");
  });

  test("refuses numbers that are not safe integers, and NUL in strings", () => {
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, 1e21]) {
      expect(() => sqlLiteral(bad)).toThrow(TypeError);
    }
    expect(() => sqlLiteral("a\0b")).toThrow(/NUL/);
  });
});

describe("sql tag", () => {
  test("quotes every interpolated value", () => {
    const name = "x' OR '1'='1";
    expect(sql`SELECT * FROM w WHERE name = ${name} AND n = ${3} AND r IS ${null}`.text).toBe(
      "SELECT * FROM w WHERE name = 'x'' OR ''1''=''1' AND n = 3 AND r IS NULL",
    );
  });

  test("embeds fragments made by the tag without quoting them again", () => {
    const inner = sql`(SELECT id FROM w WHERE name = ${"a'b"})`;
    expect(sql`DELETE FROM c WHERE w = ${inner}`.text).toBe("DELETE FROM c WHERE w = (SELECT id FROM w WHERE name = 'a''b')");
  });

  test("batches statements with one separator each", () => {
    expect(sqlBatch(sql`SELECT 1;`, sql`  SELECT ${"a;b"} `).text).toBe("SELECT 1;\nSELECT 'a;b'");
  });
});
