import { describe, expect, it } from "vitest";
import { decodeUtf8, type JsonBounds, parseBoundedJson } from "./bounded-json";

const BOUNDS: JsonBounds = { maxDepth: 4, maxItems: 10, maxStringLength: 8 };
const parse = (text: string) => parseBoundedJson(text, BOUNDS, { what: "body" });

describe("parseBoundedJson", () => {
  it("parses what is within every bound", () => {
    expect(parse('{"a":[1,2,{"b":"12345678"}]}')).toEqual({ ok: true, value: { a: [1, 2, { b: "12345678" }] } });
  });

  it.each([
    ["deep nesting", "[[[[[]]]]]", "body nests arrays and objects more than 4 deep"],
    ["deep nesting, unclosed", `${"[".repeat(100_000)}`, "body nests arrays and objects more than 4 deep"],
    ["many elements", `[${Array(11).fill(0).join(",")}]`, "body holds more than 10 values"],
    ["many keys", `{${Array.from({ length: 6 }, (_, i) => `"k${i}":1`).join(",")}}`, "body holds more than 10 values"],
    ["a long string", '["123456789"]', "body has a string longer than 8 characters"],
    ["a long key", '{"123456789":1}', "body has a string longer than 8 characters"],
    ["a long unterminated string", '["123456789', "body has a string longer than 8 characters"],
  ])("refuses %s before parsing", (_name, text, message) => {
    expect(parse(text)).toEqual({ ok: false, message });
  });

  it("counts values and keys exactly: containers, strings, numbers, true, false, null", () => {
    // 1 object + 3 keys + 1 array + 5 scalars = 10, the bound; one more value is over it.
    expect(parse('{"a": [1, -2.5e3, true], "b": null, "c": false}').ok).toBe(true);
    expect(parse('{"a": [1, -2.5e3, true, 0], "b": null, "c": false}')).toEqual({ ok: false, message: "body holds more than 10 values" });
  });

  it("does not count brackets, commas or escaped quotes inside strings", () => {
    expect(parse('["[[[[[,,", "\\"]]]]"]')).toEqual({ ok: true, value: ["[[[[[,,", '"]]]]'] });
  });

  it("reports text that is not JSON", () => {
    const result = parse("{a:1}");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^body is not valid JSON: /);
  });

  it.each([
    ['{"username":"\\ud800"}', "username is not well-formed Unicode: a lone surrogate \\ud800 at character 0"],
    ['{"a":["x","q\\udfff"]}', "a[1] is not well-formed Unicode: a lone surrogate \\udfff at character 1"],
    ['{"a":{"\\udc00":1}}', 'a has a key that is not well-formed Unicode: "\\udc00"'],
    ['"\\ud83d"', "body is not well-formed Unicode: a lone surrogate \\ud83d at character 0"],
  ])("refuses a lone surrogate in %s, naming the field, and keeps what parsed", (text, message) => {
    const result = parse(text);
    // Compared field by field: a failing diff of the parsed value would print the lone
    // surrogate, which the test runner's socket refuses.
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toBe(message);
    expect(!result.ok && JSON.stringify(result.parsed)).toBe(JSON.stringify(JSON.parse(text)));
  });

  it("accepts surrogate pairs, escaped or not", () => {
    expect(parseBoundedJson('["\\ud83d\\ude00", "😀"]', { ...BOUNDS, maxStringLength: 12 }, { what: "body" })).toEqual({ ok: true, value: ["😀", "😀"] });
  });

  it("names fields from the root it is given", () => {
    const result = parseBoundedJson('{"text":"\\ud800"}', BOUNDS, { what: "frame", root: "message" });
    expect(!result.ok && result.message).toBe("message.text is not well-formed Unicode: a lone surrogate \\ud800 at character 0");
  });
});

describe("decodeUtf8", () => {
  it("refuses bytes that are not UTF-8 instead of replacing them", () => {
    expect(decodeUtf8(new Uint8Array([0x22, 0xed, 0xa0, 0x80, 0x22]), "body")).toEqual({ ok: false, message: "body is not valid UTF-8" });
    expect(decodeUtf8(new TextEncoder().encode('"é"'), "body")).toEqual({ ok: true, text: '"é"' });
  });
});
