import type { Rng } from "./prng";

/**
 * Hostile values for request fields, query strings and path segments. JSON is built as a
 * value tree and written by `toJsonText`, so it can hold what `JSON.stringify` cannot
 * write: numbers past a double (`1e309`, `2^63` as written), `-0`, and nesting thousands
 * deep, which is kept as text so that building it never recurses.
 */

/** A JSON fragment written verbatim. */
export class Raw {
  constructor(readonly text: string) {}
}

export type Json = null | boolean | number | string | Raw | Json[] | { [key: string]: Json };

export function toJsonText(value: Json): string {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.keys(value)
      .map((k) => `${JSON.stringify(k)}:${toJsonText(value[k] as Json)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Sets an own property, even `__proto__` (plain assignment would change the prototype). */
export function setOwn(target: { [key: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export const SQL_META = [
  "' OR 1=1 --",
  '"; DROP TABLE tasks;--',
  "1; DELETE FROM accounts",
  "') UNION SELECT secret_hash FROM credentials --",
  "%' AND '%'='",
  "\\' OR \\'1\\'=\\'1",
  "?",
  "$1",
  "`id`",
  "*/ SELECT 1 /*",
];

export const PATH_META = [
  "../",
  "../../etc/passwd",
  "..%2f..%2f",
  "%2e%2e/",
  "%2e%2e%2f",
  "..\\..\\",
  "%252e%252e%252f",
  "a/b",
  "a%2Fb",
  "%00",
  "%",
  "%zz",
  "?x=1",
  "#frag",
  ";jsessionid=1",
  "//",
  "~root",
];

export const UNICODE = [
  "\u202Egnp.exe", // right-to-left override
  "مرحبا بالعالم", // RTL script
  "👩‍👩‍👧‍👦🏳️‍🌈", // emoji with joiners
  "\uD800", // lone high surrogate (JSON.stringify writes it as an escape)
  "x\uDFFFy", // lone low surrogate
  "\u0000",
  "a\u0000b",
  "\u0001\u0007\u001b\u007f",
  "\uFEFFbom",
  "zero\u200Bwidth",
  "ｆｕｌｌｗｉｄｔｈ１２３",
  "\r\n\t",
  "\u2028\u2029",
  "e\u0301\u0301\u0301",
  "\uFFFF\uFFFE",
];

/** Strings that look like other types. */
export const LOOKALIKES = ["1", "-1", "0", "1e309", "NaN", "Infinity", "0x10", "true", "null", "[]", "{}", "1.5", "-0"];

export const HUGE_STRING_CHARS = 100_000;

export function hugeString(rng: Rng): string {
  return rng.pick(["x", "é", "😀", "' OR 1=1 --", "../"]).repeat(Math.ceil(HUGE_STRING_CHARS / 2));
}

export function randomText(rng: Rng, maxLength = 32): string {
  const pools = ["abcXYZ019", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", " \t\n", "éßЖ中😀\u202E", "\u0000\u0001\u001f"];
  let out = "";
  const length = rng.int(1, maxLength);
  for (let i = 0; i < length; i++) out += rng.pick([...rng.pick(pools)]);
  return out;
}

export function hostileString(rng: Rng): string {
  switch (rng.int(0, 7)) {
    case 0:
      return rng.pick(SQL_META);
    case 1:
      return rng.pick(PATH_META);
    case 2:
      return rng.pick(UNICODE);
    case 3:
      return rng.pick(["", " ", "@", "\t"]);
    case 4:
      return rng.chance(0.5) ? hugeString(rng) : "x".repeat(rng.pick([65, 129, 256, 4001, 100_001]));
    case 5:
      return rng.pick(LOOKALIKES);
    default:
      return randomText(rng);
  }
}

/** Numbers out of range or of the wrong kind; some written as text JSON.stringify cannot produce. */
export function hostileNumber(rng: Rng): Json {
  return rng.pick<Json>([
    -1,
    0,
    new Raw("-0"),
    1.5,
    0.1,
    1e-7,
    2 ** 31,
    2 ** 32,
    2 ** 53,
    2 ** 53 + 2,
    Number.MAX_SAFE_INTEGER,
    -Number.MAX_SAFE_INTEGER,
    Number.MAX_VALUE,
    1e21,
    new Raw("1e309"),
    new Raw("-1e309"),
    new Raw("9223372036854775808"), // 2^63
    new Raw("-9223372036854775809"),
    new Raw("1.0"),
    new Raw("1E2"),
    new Raw("0.00000000000000000000000000000001"),
    new Raw("123456789012345678901234567890123456789012345678901234567890"),
  ]);
}

export const HUGE_ARRAY_LENGTH = 10_000;

export function hugeArray(rng: Rng): Json {
  const element = rng.pick<Json>([0, 1, "a", null, {}, [], "' OR 1=1 --", true]);
  return new Raw(`[${Array.from({ length: HUGE_ARRAY_LENGTH }, () => toJsonText(element)).join(",")}]`);
}

export const DEEP_LEVELS = 10_000;

/** Nesting far deeper than any schema: the parser and validators must not recurse into a crash. */
export function deepNesting(rng: Rng, levels = DEEP_LEVELS): Raw {
  return rng.chance(0.5)
    ? new Raw("[".repeat(levels) + "]".repeat(levels))
    : new Raw('{"a":'.repeat(levels) + "1" + "}".repeat(levels));
}

/** Keys a strict schema must refuse, including ones that mean something to JavaScript objects. */
export const HOSTILE_KEYS = ["__proto__", "constructor", "prototype", "toString", "", " ", "serial", "caption", "💥", "a".repeat(300), "' OR 1=1 --", "\u0000"];

type JsonType = "string" | "number" | "boolean" | "array" | "object" | "null";

export function jsonTypeOf(value: Json | undefined): JsonType | "undefined" {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (value instanceof Raw) return "number";
  if (Array.isArray(value)) return "array";
  return typeof value as JsonType;
}

/** A value of any JSON type, hostile in content; `depth` keeps small nests small. */
export function hostileValue(rng: Rng, depth = 0): Json {
  return valueOfType(rng, rng.pick<JsonType>(["string", "number", "boolean", "array", "object", "null"]), depth);
}

/** A value of a JSON type other than `original`'s: string↔number↔bool↔array↔object↔null. */
export function wrongTypeFor(rng: Rng, original: Json | undefined): Json {
  const types = (["string", "number", "boolean", "array", "object", "null"] as const).filter((t) => t !== jsonTypeOf(original));
  return valueOfType(rng, rng.pick(types), 1);
}

function valueOfType(rng: Rng, type: JsonType, depth: number): Json {
  switch (type) {
    case "string":
      return hostileString(rng);
    case "number":
      return hostileNumber(rng);
    case "boolean":
      return rng.chance(0.5);
    case "null":
      return null;
    case "array":
      if (depth < 2 && rng.chance(0.1)) return hugeArray(rng);
      if (depth < 2 && rng.chance(0.05)) return deepNesting(rng);
      return depth > 2 ? [] : Array.from({ length: rng.int(0, 3) }, () => hostileValue(rng, depth + 1));
    case "object": {
      const out: { [key: string]: Json } = {};
      if (depth > 2) return out;
      for (let i = rng.int(0, 2); i > 0; i--) setOwn(out, rng.pick(HOSTILE_KEYS), hostileValue(rng, depth + 1));
      return out;
    }
  }
}
