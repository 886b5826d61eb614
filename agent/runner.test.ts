import { describe, expect, test } from "vitest";
import type { RunMessage } from "../shared/protocol/messages";
import { PostingRefused, type RunOutcome, type RunReport, type ScriptExecutor, ScriptRunner } from "./runner";

const run = (deadlineInMs = 60_000): RunMessage => ({
  type: "run",
  task_id: 1,
  attempt_id: "attempt-0001",
  script: "post",
  config: {},
  platform: "tiktok",
  package_name: null,
  library: [],
  username: null,
  request_index: 0,
  deadline_at: Date.now() + deadlineInMs,
});

/** Records what a run reports. */
function recorder() {
  const sent: string[] = [];
  const results: RunOutcome[] = [];
  const report: RunReport = {
    ack: () => sent.push("ack"),
    progress: (step) => sent.push(`progress ${step}`),
    log: (level, message) => {
      sent.push(`${level} ${message}`);
      return Promise.resolve();
    },
    screenshot: (png) => {
      sent.push(`screenshot ${png.length} bytes`);
      return Promise.resolve();
    },
    posting: () => {
      sent.push("posting");
      return Promise.resolve();
    },
    result: (outcome) => {
      sent.push("result");
      results.push(outcome);
      return Promise.resolve();
    },
  };
  return { sent, results, report };
}

const untilAborted: ScriptExecutor = {
  execute: (_run, context) =>
    new Promise((_resolve, reject) => context.signal.addEventListener("abort", () => reject(new Error("aborted")), { once: true })),
};

describe("the runner", () => {
  test("acks first and passes the script's outcome on as the result", async () => {
    const { sent, results, report } = recorder();
    const executor: ScriptExecutor = {
      execute: async (_run, context) => {
        context.progress("open app");
        await context.log("info", "opened");
        return { ok: true, failCode: null, remark: "done", posted: true };
      },
    };
    await new ScriptRunner(executor).run(run(), new AbortController().signal, report);
    expect(sent).toEqual(["ack", "progress open app", "info opened", "result"]);
    expect(results).toEqual([{ ok: true, failCode: null, remark: "done", posted: true }]);
  });

  test("an exception becomes 1002 with its message as the remark", async () => {
    const { results, report } = recorder();
    const executor: ScriptExecutor = { execute: () => Promise.reject(new Error("device 'x' not found")) };
    await new ScriptRunner(executor).run(run(), new AbortController().signal, report);
    expect(results).toEqual([{ ok: false, failCode: 1002, remark: "device 'x' not found", posted: false }]);
  });

  test("a stop before the publishing tap aborts the script and ends the run as 1007, not posted", async () => {
    const { results, report } = recorder();
    const stop = new AbortController();
    const executor: ScriptExecutor = {
      execute: (r, context) => {
        setTimeout(() => stop.abort(), 10);
        return untilAborted.execute(r, context);
      },
    };
    await new ScriptRunner(executor).run(run(), stop.signal, report);
    expect(results).toEqual([{ ok: false, failCode: 1007, remark: "stopped", posted: false }]);
  });

  test("a stop after the publishing tap is noted, and the run goes on to report what happened", async () => {
    const { sent, results, report } = recorder();
    const stop = new AbortController();
    const executor: ScriptExecutor = {
      execute: async (_r, context) => {
        await context.posting();
        stop.abort();
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(context.signal.aborted).toBe(false);
        return { ok: true, failCode: null, remark: "posted", posted: true };
      },
    };
    await new ScriptRunner(executor).run(run(), stop.signal, report);
    expect(results).toEqual([{ ok: true, failCode: null, remark: "posted", posted: true }]);
    expect(sent).toContain("warn a stop came after the publishing tap: the run goes on to its end");
  });

  test("a refused posting ends the run before anything is posted", async () => {
    const { results, report } = recorder();
    report.posting = () => Promise.reject(new PostingRefused("the server did not answer before publishing", "unanswered"));
    const executor: ScriptExecutor = {
      execute: async (_r, context) => {
        await context.posting();
        return { ok: true, failCode: null, remark: "posted", posted: true };
      },
    };
    await new ScriptRunner(executor).run(run(), new AbortController().signal, report);
    expect(results).toEqual([{ ok: false, failCode: 1002, remark: "the server did not answer before publishing", posted: false }]);
  });

  test("the deadline from deadline_at ends the run as 1008", async () => {
    const { results, report } = recorder();
    await new ScriptRunner(untilAborted).run(run(30), new AbortController().signal, report);
    expect(results).toMatchObject([{ ok: false, failCode: 1008 }]);
  });

  test("a script that ignores the abort still gets a result after the wind-down time", async () => {
    const { results, report } = recorder();
    const stop = new AbortController();
    stop.abort();
    const hangs: ScriptExecutor = { execute: () => new Promise<RunOutcome>(() => undefined) };
    await new ScriptRunner(hangs, 20).run(run(), stop.signal, report);
    expect(results).toMatchObject([{ ok: false, failCode: 1007 }]);
  });
});
