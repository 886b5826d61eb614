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
    const code = await supervise({ start: child.start, log: quiet, initialDelayMs: 50, maxDelayMs: 120 });
    expect(code).toBe(0);
    expect(child.starts).toHaveLength(4);
    const gaps = child.starts.slice(1).map((at, i) => at - (child.starts[i] ?? 0));
    expect(gaps[1]).toBeGreaterThan(gaps[0] ?? 0);
    expect(gaps[2]).toBeGreaterThanOrEqual(100);
  });

  it("starts it again at once when it asks to be restarted (an update swapped its files)", async () => {
    const child = exits([RESTART_EXIT_CODE, 0]);
    const started = Date.now();
    await supervise({ start: child.start, log: quiet, initialDelayMs: 5_000 });
    expect(child.starts).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(4_000);
  });
});
