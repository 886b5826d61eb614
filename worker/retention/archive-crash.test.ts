import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { openDb } from "../db/client";
import { countDrift } from "../test/task-counts-check";
import { addTaskLog, countTaskLogs, setTaskState, storedTask } from "../test/task-fixture";
import { type IoStep, steppedIo } from "../test/stepped-io";
import { createTestWorkspace, type TestWorkspace } from "../test/workspace-fixture";
import { archiveHistory } from "./archive-run";
import { RUN_BUDGET } from "./run-budget";
import { archived, archivedIds, DAY, drainHistory, finishedTask, idsInD1, notedMoves, presented } from "./history-testing";

/**
 * A run of the history job that dies at any point, or races a user, loses no task and leaves
 * none twice: the next runs finish the move, each task ends in exactly one place, as it was.
 */

const now = Date.now();

/** Two days of due tasks (with log lines) and one recent task: what every case starts from. */
async function workspaceToMove(): Promise<{ ws: TestWorkspace; due: number[]; recent: number }> {
  const ws = await createTestWorkspace();
  const due = [
    await finishedTask(ws, now - 100 * DAY, { logs: 2 }),
    await finishedTask(ws, now - 100 * DAY + 60_000, { logs: 0, failed: true }),
    await finishedTask(ws, now - 99 * DAY, { logs: 1 }),
  ];
  return { ws, due, recent: await finishedTask(ws, now - 5 * DAY, { logs: 1 }) };
}

class Crash extends Error {}

/** The crash itself, or drizzle's error wrapping it. */
function isCrash(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) if (e instanceof Crash) return true;
  return false;
}

/** Runs the job on D1 and R2 that die at step `at`, before or after it: answers the step, or null once the run got past every step. */
async function runDyingAt(at: number, phase: IoStep["phase"]): Promise<IoStep | null> {
  let died: IoStep | null = null;
  const io = steppedIo(env.DB, env.MEDIA, (step) => {
    if (step.n === at && step.phase === phase) {
      died = step;
      throw new Crash(`died ${phase} ${step.what}`);
    }
  });
  await archiveHistory(openDb(io.d1), io.bucket, now).catch((error: unknown) => {
    if (!isCrash(error)) throw error;
  });
  return died;
}

describe("a run of the history job that dies", () => {
  it("at any step, before or after it, leaves nothing lost and nothing twice once the next runs are done", async () => {
    const tried: string[] = [];
    for (let at = 0; ; at++) {
      let reached = false;
      for (const phase of ["before", "after"] as const) {
        await drainHistory(now);
        const { ws, due, recent } = await workspaceToMove();
        const shown = await Promise.all(due.map((id) => presented(ws, id)));
        const died = await runDyingAt(at, phase);
        if (died === null) continue;
        reached = true;
        tried.push(`${phase} ${died.what.slice(0, 60)}`);
        await drainHistory(now);
        const where = `died ${phase} step ${at}: ${died.what}`;
        expect(await archivedIds(ws.id), where).toEqual(due);
        expect((await archived(ws.id)).map((a) => a.line), where).toEqual(shown);
        expect(await idsInD1(ws.id), where).toEqual([recent]);
        expect(await notedMoves(ws.id), where).toEqual([]);
        expect(await countDrift(), where).toEqual([]);
      }
      if (!reached) break;
    }
    // Planning, then per day: page, log lines, note, read, write, delete, next day.
    expect(tried.length).toBeGreaterThanOrEqual(2 * 14);
    // About 20 s alone (32 dying runs, each with its workspace); 60 s ran out once on two loaded cores.
  }, 180_000);

  it("after writing the day object and before deleting the rows writes each task once on the next run", async () => {
    await drainHistory(now);
    const { ws, due } = await workspaceToMove();
    let writes = 0;
    const io = steppedIo(env.DB, env.MEDIA, (step) => {
      if (step.phase === "after" && step.what.startsWith("r2 put") && ++writes === 2) throw new Crash("died after the second day's write");
    });
    expect(await archiveHistory(openDb(io.d1), io.bucket, now).then(() => null, (error: unknown) => isCrash(error))).toBe(true);
    // The second day is in R2 and still in D1, noted.
    const [, , second = 0] = due;
    expect(await archivedIds(ws.id)).toEqual(due);
    expect(await storedTask(second)).toBeDefined();
    expect(await notedMoves(ws.id)).toEqual([second]);

    // The next run finishes the noted day, and writes its object once (R2: one write a second to a key).
    const puts: string[] = [];
    const next = steppedIo(env.DB, env.MEDIA, (step) => {
      if (step.phase === "before" && step.what.startsWith("r2 put")) puts.push(step.what);
    });
    await archiveHistory(openDb(next.d1), next.bucket, now);
    expect(puts).toHaveLength(1);
    expect(await archivedIds(ws.id)).toEqual(due);
    expect(await storedTask(second)).toBeUndefined();
    expect(await notedMoves(ws.id)).toEqual([]);
  });
});

describe("a run that repairs a day it cannot finish", () => {
  it("writes the day's object once, and leaves the rest of the day for the next run", async () => {
    await drainHistory(now);
    const { ws, due } = await workspaceToMove();
    const budget = { ...RUN_BUDGET, dayTasks: 1 };
    const first = steppedIo(env.DB, env.MEDIA, (step) => {
      if (step.phase === "after" && step.what.startsWith("r2 put")) throw new Crash("died after the first write");
    });
    await archiveHistory(openDb(first.d1), first.bucket, now, budget).catch((error: unknown) => {
      if (!isCrash(error)) throw error;
    });
    expect(await notedMoves(ws.id)).toEqual([due[0]]);
    const puts: string[] = [];
    const next = steppedIo(env.DB, env.MEDIA, (step) => {
      if (step.phase === "before" && step.what.startsWith("r2 put")) puts.push(step.what);
    });
    await archiveHistory(openDb(next.d1), next.bucket, now, budget);
    expect(new Set(puts).size).toBe(puts.length);
    await drainHistory(now, budget);
    expect(await archivedIds(ws.id)).toEqual(due);
    expect(await countDrift()).toEqual([]);
  });
});

describe("two runs at once", () => {
  it("cannot both write a day object: the later writer leaves its rows for the next run, and no task is lost", async () => {
    await drainHistory(now);
    const { ws, due } = await workspaceToMove();
    let late = 0;
    // Just after the first run read the first day's object (none yet), a task of that day
    // turns up and a second run moves the whole day, the new task with it.
    const io = steppedIo(env.DB, env.MEDIA, async (step) => {
      if (late !== 0 || step.phase !== "after" || !step.what.startsWith("r2 get")) return;
      late = await finishedTask(ws, now - 100 * DAY + 120_000, { logs: 1 });
      await archiveHistory(openDb(env.DB), env.MEDIA, now);
    });
    const first = await archiveHistory(openDb(io.d1), io.bucket, now);
    expect(first.conflicts).toBe(1);
    await drainHistory(now);
    expect((await archivedIds(ws.id)).sort((a, b) => a - b)).toEqual([...due, late].sort((a, b) => a - b));
    expect(await notedMoves(ws.id)).toEqual([]);
    expect(await countDrift()).toEqual([]);
  });
});

describe("a task changed while it is being moved", () => {
  it("stays in D1 as it now is, and its archived copy is dropped at the next run", async () => {
    await drainHistory(now);
    const { ws, due } = await workspaceToMove();
    const [first = 0, retried = 0, third = 0] = due;
    // A user retries the failed task between its day object's write and the rows' delete.
    let done = false;
    const io = steppedIo(env.DB, env.MEDIA, async (step) => {
      if (done || step.phase !== "after" || !step.what.startsWith("r2 put")) return;
      done = true;
      const retry = await ws.call("POST", `/api/v1/task/${retried}/retry`);
      expect(retry.data.status, retry.message).toBe(0);
    });
    await archiveHistory(openDb(io.d1), io.bucket, now);
    expect(await storedTask(first)).toBeUndefined();
    expect(await storedTask(retried)).toMatchObject({ status: 0, retryCount: 1 });
    expect(await notedMoves(ws.id)).toEqual([retried]);

    await archiveHistory(openDb(env.DB), env.MEDIA, now);
    expect(await archivedIds(ws.id)).toEqual([first, third]);
    expect(await storedTask(retried)).toMatchObject({ status: 0 });
    expect(await notedMoves(ws.id)).toEqual([]);
    expect(await countDrift()).toEqual([]);
  });

  it("keeps a task that was retried and ended again meanwhile, as it now is, in D1", async () => {
    await drainHistory(now);
    const { ws, due } = await workspaceToMove();
    const [, again = 0] = due;
    const io = steppedIo(env.DB, env.MEDIA, async (step) => {
      if (step.phase !== "after" || !step.what.startsWith("r2 put") || (await storedTask(again))?.retryCount !== 0) return;
      expect((await ws.call("POST", `/api/v1/task/${again}/retry`)).code).toBe(0);
      await setTaskState(again, { status: 2, finishedAt: now - 60_000, retryCount: 1 });
    });
    await archiveHistory(openDb(io.d1), io.bucket, now);
    expect(await storedTask(again)).toMatchObject({ status: 2, finishedAt: now - 60_000, retryCount: 1 });
    await drainHistory(now);
    expect(await archivedIds(ws.id)).not.toContain(again);
    expect(await storedTask(again)).toMatchObject({ status: 2, retryCount: 1 });
  });

  it("keeps a task that got a late log line meanwhile, until a run moves it with that line", async () => {
    await drainHistory(now);
    const { ws, due } = await workspaceToMove();
    const [late = 0] = due;
    let added = false;
    const io = steppedIo(env.DB, env.MEDIA, async (step) => {
      if (added || step.phase !== "after" || !step.what.startsWith("r2 put")) return;
      added = true;
      await addTaskLog(ws.id, late, "a line the agent's outbox sent late");
    });
    await archiveHistory(openDb(io.d1), io.bucket, now);
    expect(await countTaskLogs(late)).toBe(3);
    await drainHistory(now);
    const line = (await archived(ws.id)).find((a) => a.line.id === late)?.line;
    expect(line?.logs.map((l) => l.message)).toContain("a line the agent's outbox sent late");
    expect(await archivedIds(ws.id)).toEqual(due);
    expect(await storedTask(late)).toBeUndefined();
  });
});
