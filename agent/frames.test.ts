import { describe, expect, it } from "vitest";
import { encodeAgentFrame, parseServerFrame } from "./frames";

const DEPTH = 450_000;
/** 900 KB of nesting: what a hostile peer can fit under a 1 MB frame limit. */
const deep = () => Buffer.from(`{"type":"stop","task_id":1,"attempt_id":"aaaaaaaa","x":${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}}`);

/** Heap growth while `work` runs, with what it returns kept alive so that no GC can hide it. */
function heapGrowth(work: () => unknown): { bytes: number; kept: unknown } {
  const before = process.memoryUsage().heapUsed;
  const kept = work();
  return { bytes: process.memoryUsage().heapUsed - before, kept };
}

describe("parseServerFrame", () => {
  it("refuses a deeply nested frame before parsing it, allocating about its own text and no more", () => {
    const frame = deep();
    const bounded = heapGrowth(() => parseServerFrame(frame, false));
    expect(bounded.kept).toEqual({ ok: false, message: "frame nests arrays and objects more than 16 deep" });
    // The decoded text itself (0.9 MB, one byte per character) is the only allocation of size.
    expect(bounded.bytes).toBeLessThan(2 * frame.length);
    // The same text through plain JSON.parse, to show the measure sees what parsing builds.
    const text = frame.toString("utf8");
    const unbounded = heapGrowth(() => JSON.parse(text) as unknown);
    expect(unbounded.bytes).toBeGreaterThan(10 * frame.length);
  });

  it("refuses a frame of too many values", () => {
    const wide = Buffer.from(`{"type":"stop","task_id":1,"attempt_id":"aaaaaaaa","x":[${Array(6_000).fill(0).join(",")}]}`);
    expect(parseServerFrame(wide, false)).toEqual({ ok: false, message: "frame holds more than 5000 values" });
  });

  it("refuses bytes that are not UTF-8, and text with a lone surrogate, naming the field", () => {
    expect(parseServerFrame(Buffer.from([0x7b, 0xed, 0xa0, 0x80, 0x7d]), false)).toEqual({ ok: false, message: "frame is not valid UTF-8" });
    const run = Buffer.from('{"type":"run","task_id":1,"attempt_id":"aaaaaaaa","script":"post","config":{"captions":"hi \\ud800"}}');
    // A run says which it was, so that the link can fail its task rather than drop it.
    expect(parseServerFrame(run, false)).toEqual({
      ok: false,
      message: "run.config.captions is not well-formed Unicode: a lone surrogate \\ud800 at character 3",
      run: { task_id: 1, attempt_id: "aaaaaaaa" },
    });
    const stop = Buffer.from('{"type":"stop","task_id":1,"attempt_id":"aaaaaaaa","x":"\\udfff"}');
    expect(parseServerFrame(stop, false)).toEqual({ ok: false, message: "message.x is not well-formed Unicode: a lone surrogate \\udfff at character 0" });
  });
});

describe("encodeAgentFrame", () => {
  it("sends a lone surrogate read off a screen as U+FFFD, so the object does not refuse the frame", () => {
    const frame = encodeAgentFrame({ type: "log", task_id: 1, attempt_id: "aaaaaaaa", seq: 0, at: 1, level: "info", message: "saw \ud83d on screen" });
    expect(JSON.parse(frame)).toMatchObject({ message: "saw \ufffd on screen" });
  });
});
