import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { Logger } from "../logger";
import { RESTART_EXIT_CODE, supervise } from "./supervise";

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A child that exits with the codes given, one per start. */
function exits(codes: number[]) {
  const starts: number[] = [];
  return {
    starts,
    start: () => {
      const code = codes[starts.length] ?? 0;
      starts.push(Date.now());
      return spawn(process.execPath, ["-e", `process.exit(${code})`], { stdio: "ignore" });
    },
  };
}

describe("the supervisor", () => {
  it("starts a crashed agent again after growing pauses, and ends when it exits 0", async () => {
    const child = exits([1, 2, 3, 0]);
    const said: string[] = [];
    const code = await supervise({ start: child.start, log: { ...quiet, warn: (line) => said.push(line) }, initialDelayMs: 50, maxDelayMs: 120 });
    expect(code).toBe(0);
    expect(child.starts).toHaveLength(4);
    expect(said).toEqual(["the agent exited (code 1); starting it again in 0.05 s", "the agent exited (code 2); starting it again in 0.1 s", "the agent exited (code 3); starting it again in 0.12 s"]);
  });

  it("starts it again at once when it asks to be restarted (an update swapped its files)", async () => {
    const child = exits([RESTART_EXIT_CODE, 0]);
    const said: string[] = [];
    await supervise({ start: child.start, log: { ...quiet, warn: (line) => said.push(line) }, initialDelayMs: 60_000 });
    expect(child.starts).toHaveLength(2);
    expect(said).toEqual([]); // no pause was taken: with a 60 s pause this test would time out
  });
});
