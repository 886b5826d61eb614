import { fieldPath } from "../validation";

/**
 * What one JSON text may build. A byte limit alone does not bound memory: 900 KB of `[`
 * parse into 450,000 nested arrays, tens of megabytes, and a few dozen such requests at once
 * exhaust an isolate that other workspaces share. These bounds are checked in one pass over
 * the text before `JSON.parse` runs, so a refused text allocates nothing beyond itself, and
 * an accepted one builds at most `maxItems` values.
 */
export interface JsonBounds {
  /** Arrays and objects inside one another. */
  readonly maxDepth: number;
  /** Values and keys together: every array, object, string (a key is one), number, true, false and null. */
  readonly maxItems: number;
  /** Characters of one string or key, as written (an escape counts as its characters). */
  readonly maxStringLength: number;
}

/**
 * A refusal of text that parsed but holds ill-formed strings keeps the parsed value in
 * `parsed`, so a caller can still answer what it was (the agent fails a run by its ids).
 */
export type JsonParsed = { ok: true; value: unknown } | { ok: false; message: string; parsed?: unknown };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const COMMA = 0x2c;
const COLON = 0x3a;
const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

/**
 * `JSON.parse` within `bounds`, and every string in the result well-formed Unicode. `what`
 * names the text in messages ("body", "frame"); a string's message names its field from
 * `root` (`script_config.captions`, `message.text`), as schema errors do.
 */
export function parseBoundedJson(text: string, bounds: JsonBounds, names: { what: string; root?: string }): JsonParsed {
  const { what, root = "" } = names;
  const excess = boundsExceeded(text, bounds);
  if (excess !== undefined) return { ok: false, message: `${what} ${excess}` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `${what} is not valid JSON: ${error instanceof Error ? error.message : "parse error"}` };
  }
  const illFormed = illFormedText(value, what, root);
  return illFormed === undefined ? { ok: true, value } : { ok: false, message: illFormed, parsed: value };
}

/** The first bound the text breaks, said as the end of a sentence; undefined when within all. */
function boundsExceeded(text: string, bounds: JsonBounds): string | undefined {
  let depth = 0;
  let items = 0;
  let inString = false;
  let stringStart = 0;
  // The last character outside strings and whitespace: a scalar starts right after one of `[ , :`.
  let previous = COMMA;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i += 1;
      else if (c === QUOTE) {
        inString = false;
        if (i - stringStart > bounds.maxStringLength) return `has a string longer than ${bounds.maxStringLength} characters`;
      }
      continue;
    }
    if (c === SPACE || c === TAB || c === LF || c === CR) continue;
    if (c === QUOTE) {
      inString = true;
      stringStart = i + 1;
      items += 1;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      depth += 1;
      items += 1;
      if (depth > bounds.maxDepth) return `nests arrays and objects more than ${bounds.maxDepth} deep`;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth -= 1;
    } else if (previous === OPEN_ARRAY || previous === COMMA || previous === COLON) {
      items += 1; // the first character of a number, true, false or null
    }
    previous = c;
    if (items > bounds.maxItems) return `holds more than ${bounds.maxItems} values`;
  }
  // An unterminated string is JSON.parse's to report, but not after holding the whole text.
  if (inString && text.length - stringStart > bounds.maxStringLength) return `has a string longer than ${bounds.maxStringLength} characters`;
  return undefined;
}

/** A lone surrogate: in a `u` regex a paired one is one code point and does not match. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "gu");

/** The text with each lone surrogate as U+FFFD, as any UTF-8 encoder would write it. */
export function toWellFormed(text: string): string {
  return text.replace(LONE_SURROGATES, "\uFFFD");
}

interface Visit {
  readonly value: unknown;
  readonly key: PropertyKey | undefined;
  readonly parent: Visit | undefined;
}

/**
 * Where the parsed value holds a string (or key) that is not well-formed UTF-16: `"\ud800"`
 * parses, but stores as U+FFFD and compares unequal to what reads back the same. Iterative,
 * since it runs on what the bounds let through and must not depend on their depth; a visit
 * keeps its parent rather than its path, so the path is built only for the one it reports.
 */
export function illFormedText(value: unknown, what: string, root = ""): string | undefined {
  const name = (visit: Visit): string => {
    const path: PropertyKey[] = [];
    for (let at: Visit | undefined = visit; at?.key !== undefined; at = at.parent) path.unshift(at.key);
    return fieldPath(root, path) || root || what;
  };
  const stack: Visit[] = [{ value, key: undefined, parent: undefined }];
  for (let visit = stack.pop(); visit !== undefined; visit = stack.pop()) {
    const item = visit.value;
    if (typeof item === "string") {
      const at = LONE_SURROGATE.exec(item);
      if (at !== null) return `${name(visit)} is not well-formed Unicode: a lone surrogate \\u${at[0].charCodeAt(0).toString(16)} at character ${at.index}`;
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i -= 1) stack.push({ value: item[i], key: i, parent: visit });
    } else if (typeof item === "object" && item !== null) {
      for (const [key, child] of Object.entries(item).reverse()) {
        if (LONE_SURROGATE.test(key)) return `${name(visit)} has a key that is not well-formed Unicode: ${JSON.stringify(key)}`;
        stack.push({ value: child, key, parent: visit });
      }
    }
  }
  return undefined;
}

/** Strict UTF-8: a byte sequence that is not UTF-8 is refused, not turned into U+FFFD. */
export function decodeUtf8(bytes: Uint8Array, what: string): { ok: true; text: string } | { ok: false; message: string } {
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return { ok: false, message: `${what} is not valid UTF-8` };
  }
}
