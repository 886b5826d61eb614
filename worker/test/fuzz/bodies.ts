import { BODY_BOUNDS, MAX_BODY_BYTES } from "../../http/json-body";
import { deepNesting, type Json, Raw, toJsonText } from "./hostile";
import type { Rng } from "./prng";

/**
 * Whole-body mutations: text that is not JSON, JSON that is not an object, bodies past the
 * size limit. They are refused before any field is looked at, as 40001 (http-cases.ts says
 * which answer each must get).
 */

/** Text that is nearly a valid body but not JSON (a few, as noted, may still parse: the caller checks). */
export function malformedJson(rng: Rng, valid: string): string {
  const at = rng.int(1, Math.max(1, valid.length - 1));
  switch (rng.int(0, 14)) {
    case 0:
      return valid.slice(0, at); // truncated mid-token
    case 1:
      return valid.slice(0, -1);
    case 2:
      return valid.slice(0, at) + rng.pick(["{", "}", "[", "]", ",", ":", '"', "'", "\\", "\u0000", "x"]) + valid.slice(at);
    case 3:
      return valid.replaceAll('"', "'");
    case 4:
      return `${valid.slice(0, -1)},}`; // trailing comma
    case 5:
      return `\uFEFF${valid}`; // a byte-order mark: UTF-8 decoding drops it, so this one parses
    case 6:
      return `${valid.slice(0, -1)},"x":${rng.pick(["NaN", "Infinity", "-Infinity", "undefined", "01", "+1", ".5", "1.", "-", "0x10", "1e", "tru"])}}`;
    case 7:
      return `/* comment */${valid}`;
    case 8:
      return rng.pick(['{"a":}', "{,}", '{"a" 1}', "{{}}", '{"a":1,,"b":2}', "{'a':1}", "{a:1}", "[", "{", '"', "nul", "]"]);
    case 9:
      return `{"username":"a${String.fromCharCode(rng.int(0, 31))}b"}`; // raw control character in a string
    case 10:
      return rng.pick(['{"a":"\\x41"}', '{"a":"\\uZZZZ"}', '{"a":"\\u12"}', '{"a":"\\"}', '{"a":"\\q"}']);
    case 11:
      return `${valid} ${rng.pick(["{}", "x", "]", "null", valid])}`; // trailing garbage
    case 12:
      return `"${"x".repeat(100_000)}`; // an unterminated 100 KB string
    case 13:
      return "\u0000";
    default:
      return "[".repeat(10_000); // deep and unclosed
  }
}

/** Valid JSON that is not an object. */
export function nonObjectJson(rng: Rng): string {
  return rng.pick(["[]", "[{}]", "null", "0", "-1", '"text"', "true", "false", "1e309", '""', "[null]"]);
}

/** Byte sequences that are not UTF-8: an overlong NUL, a UTF-8-encoded surrogate, bytes never used. */
export const BAD_UTF8 = [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xff, 0xfe], [0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]];

export function blankBody(rng: Rng): string {
  return rng.pick(["", " ", "\n", "\t\r\n  "]);
}

/** A 10k-level nest as the whole body (non-object, or an object with one unknown field). */
export function deepBody(rng: Rng): string {
  return deepNesting(rng, rng.pick([10_000, 100_000])).text;
}

/** The route's body with one array of more values than a body may build (well under the byte limit). */
export function wideBody(rng: Rng, base: Json): string {
  const element = rng.pick(["0", "null", "{}", "[]", '""']);
  return toJsonText({ ...(isObject(base) ? base : {}), wide: new Raw(`[${Array(BODY_BOUNDS.maxItems + 1).fill(element).join(",")}]`) });
}

/**
 * The route's body with a lone surrogate in one of its strings (or in a new field when it
 * has none), written as the escape: JSON allows it, and what it stands for cannot be stored
 * as text. (A raw lone surrogate in a JS string would reach the Worker as U+FFFD, already
 * replaced by the client's UTF-8 encoder.)
 */
export function loneSurrogateBody(rng: Rng, base: Json): string {
  const body = isObject(base) ? { ...base } : {};
  const strings = Object.keys(body).filter((key) => typeof body[key] === "string");
  const lone = `${rng.pick(["", "q", "名"])}${rng.pick(["\\ud800", "\\udfff", "\\ud83d", "\\ude00"])}${rng.pick(["", "x"])}`;
  const key = strings.length > 0 ? rng.pick(strings) : "note";
  return toJsonText({ ...body, [key]: new Raw(`"${lone}"`) });
}

/** Valid JSON one byte past the limit: refused by size whatever it says. */
export function oversizedBody(base: Json): string {
  const shell = toJsonText({ pad: "", ...(isObject(base) ? base : {}) });
  const pad = "x".repeat(MAX_BODY_BYTES + 1 - new TextEncoder().encode(shell).byteLength);
  return toJsonText({ pad, ...(isObject(base) ? base : {}) });
}

function isObject(value: Json): value is { [key: string]: Json } {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Raw);
}
