import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RotatingLogFile } from "./log-file";
import { addLogSink, consoleLogger } from "./logger";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "agent-log-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the rotating log file", () => {
  it("appends to agent.log, rotates before a line would pass the size, keeps the newest old files and never splits a line", async () => {
    const logs = join(dir, "logs");
    const file = new RotatingLogFile(logs, { maxBytes: 100, keep: 2 });
    const line = (n: number) => `line ${String(n).padStart(2, "0")} ${"x".repeat(30)}\n`; // 39 bytes: two fit in 100
    for (let n = 1; n <= 9; n++) file.write(line(n));
    file.close();
    expect((await readdir(logs)).sort()).toEqual(["agent.log", "agent.log.1", "agent.log.2"]);
    expect(await readFile(join(logs, "agent.log"), "utf8")).toBe(line(9));
    expect(await readFile(join(logs, "agent.log.1"), "utf8")).toBe(line(7) + line(8));
    expect(await readFile(join(logs, "agent.log.2"), "utf8")).toBe(line(5) + line(6));
  });

  it("carries on from the size of the file it finds, as after a restart", async () => {
    const first = new RotatingLogFile(dir, { maxBytes: 50, keep: 1 });
    first.write(`${"a".repeat(40)}\n`);
    first.close();
    const second = new RotatingLogFile(dir, { maxBytes: 50, keep: 1 });
    second.write(`${"b".repeat(20)}\n`);
    second.close();
    expect(await readFile(join(dir, "agent.log.1"), "utf8")).toBe(`${"a".repeat(40)}\n`);
    expect(await readFile(join(dir, "agent.log"), "utf8")).toBe(`${"b".repeat(20)}\n`);
  });

  it("gets every logger's lines while it is a sink, and none after", async () => {
    const file = new RotatingLogFile(dir);
    const remove = addLogSink((text) => file.write(text));
    consoleLogger("127.0.0.1:7701").warn("kept in the file");
    remove();
    consoleLogger("adb").info("not in the file");
    file.close();
    const text = await readFile(join(dir, "agent.log"), "utf8");
    expect(text).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z warn  \[127\.0\.0\.1:7701\] kept in the file\n$/);
  });

  it("reports a file it cannot write once, and does not throw", () => {
    // A folder in the file's place: opening it for append fails.
    const file = new RotatingLogFile(join(dir), {}, ".");
    expect(() => file.write("a line\n")).not.toThrow();
  });
});
