import { createScheduledController, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../index";
import { openDb } from "../db/client";
import { countTaskLogs, createTasks, running, setTaskState, storedTask } from "../test/task-fixture";
import { countDrift } from "../test/task-counts-check";
import { type RecordedBatch, type RecordedStatement, recordingD1, roundTripsOf } from "../test/recording-d1";
import { steppedIo } from "../test/stepped-io";
import { createTestWorkspace } from "../test/workspace-fixture";
import { archiveHistory } from "./archive-run";
import { maxStatements, type RunBudget } from "./run-budget";
import { historyKey } from "./history-key";
import { archived, archivedIds, DAY, drainHistory, finishedTask, idsInD1, notedMoves, presented } from "./history-testing";
import { utcDayOf } from "./utc-day";

/**
 * The Cron Trigger's move of finished tasks past their workspace's retention from D1 to the
 * history in R2 (worker/retention/, docs/retention.md), on the real local D1 and R2.
 */

const now = Date.now();
const cron = () => worker.scheduled(createScheduledController({ cron: "23 * * * *" }), env);

describe("the history job", () => {
  it("moves finished tasks past the retention, with their log lines, to one object per UTC day, and leaves every other task", async () => {
    await drainHistory(now);
    const ws = await createTestWorkspace();
    const completed = await finishedTask(ws, now - 100 * DAY, { logs: 3 });
    const failed = await finishedTask(ws, now - 95 * DAY, { logs: 1, failed: true });
    const recent = await finishedTask(ws, now - 10 * DAY, { logs: 2 });
    const [pending = 0, runningTask = 0] = await createTasks(ws, ["phone-p", "phone-r"]);
    await setTaskState(runningTask, running);
    const keeper = await createTestWorkspace({ retentionDays: 365 });
    const kept = await finishedTask(keeper, now - 100 * DAY, { logs: 1 });
    const shown = { completed: await presented(ws, completed), failed: await presented(ws, failed) };
    const statsBefore = (await ws.call("GET", "/api/v1/task/stats")).data;

    await cron();

    expect(await storedTask(completed)).toBeUndefined();
    expect(await storedTask(failed)).toBeUndefined();
    expect([await countTaskLogs(completed), await countTaskLogs(failed)]).toEqual([0, 0]);
    expect(await archived(ws.id)).toEqual([
      { day: utcDayOf(now - 100 * DAY), line: shown.completed },
      { day: utcDayOf(now - 95 * DAY), line: shown.failed },
    ]);
    expect(shown.completed.logs).toHaveLength(3);
    expect(await idsInD1(ws.id)).toEqual([recent, pending, runningTask].sort((a, b) => a - b));
    expect(await idsInD1(keeper.id)).toEqual([kept]);
    expect(await archivedIds(keeper.id)).toEqual([]);
    expect(await notedMoves(ws.id)).toEqual([]);
    // The counters lost exactly the two tasks: list totals and stats count what D1 holds.
    expect(await countDrift()).toEqual([]);
    const stats = (await ws.call("GET", "/api/v1/task/stats")).data;
    expect(stats).toEqual({ ...statsBefore, total: statsBefore.total - 2, completed: statsBefore.completed - 1, failed: statsBefore.failed - 1 });
    expect((await ws.call("GET", "/api/v1/task")).data.total).toBe(3);
    expect((await ws.call("GET", `/api/v1/task/${completed}`)).code).toBe(40401);
  });

  it("keeps a task until the whole UTC day it finished on is past the retention", async () => {
    await drainHistory(now);
    const ws = await createTestWorkspace({ retentionDays: 30 });
    const todayStart = now - (now % DAY);
    const justPast = await finishedTask(ws, todayStart - 30 * DAY - 1);
    const dayNotOver = await finishedTask(ws, todayStart - 30 * DAY);
    await archiveHistory(openDb(env.DB), env.MEDIA, now);
    expect(await archivedIds(ws.id)).toEqual([justPast]);
    expect(await idsInD1(ws.id)).toEqual([dayNotOver]);
    // A day later, the next day has ended 30 days ago too.
    await archiveHistory(openDb(env.DB), env.MEDIA, now + DAY);
    expect(await archivedIds(ws.id)).toEqual([justPast, dayNotOver]);
  });

  it("merges a later run's tasks into a day object by task id, in finished_at order", async () => {
    await drainHistory(now);
    const ws = await createTestWorkspace();
    const day = now - 200 * DAY - (now % DAY);
    const late = await finishedTask(ws, day + 20 * 3_600_000);
    await drainHistory(now);
    // Made after the object was written (a seed, an import): the next run adds it before the other.
    const early = await finishedTask(ws, day + 3_600_000);
    await drainHistory(now);
    expect(await archived(ws.id)).toEqual([
      { day: utcDayOf(day), line: expect.objectContaining({ id: early }) },
      { day: utcDayOf(day), line: expect.objectContaining({ id: late }) },
    ]);
    expect(await countDrift()).toEqual([]);
  });

  it("stays within its budget, writes each day object once a run, and repeated runs finish the move", async () => {
    await drainHistory(now);
    const ws = await createTestWorkspace();
    const ids: number[] = [];
    for (let day = 0; day < 3; day++) {
      for (let i = 0; i < 8; i++) ids.push(await finishedTask(ws, now - (120 + day) * DAY + i * 60_000, { logs: i % 3 }));
    }
    const budget: RunBudget = { tasks: 10, days: 2, dayTasks: 6, dayLines: 1000 };
    const statements: RecordedStatement[] = [];
    const batches: RecordedBatch[] = [];
    const puts: string[][] = [];
    let runs = 0;
    for (; runs < 20 && (await idsInD1(ws.id)).length > 0; runs++) {
      const run: string[] = [];
      const io = steppedIo(env.DB, env.MEDIA, (step) => {
        if (step.phase === "before" && step.what.startsWith("r2 put")) run.push(step.what);
      });
      const before = { statements: statements.length, batches: batches.length };
      const left = (await idsInD1(ws.id)).length;
      const report = await archiveHistory(openDb(recordingD1(io.d1, statements, () => `run ${runs}`, batches)), io.bucket, now, budget);
      puts.push(run);
      // No day object took more than dayTasks a run.
      const perDay = new Map<string, number>();
      for (const { day } of await archived(ws.id)) perDay.set(day, (perDay.get(day) ?? 0) + 1);
      for (const n of perDay.values()) expect(n).toBeLessThanOrEqual(budget.dayTasks * (runs + 1));
      expect(report.taken).toBeLessThanOrEqual(budget.tasks);
      expect(report.days).toBeLessThanOrEqual(budget.days);
      expect(left - (await idsInD1(ws.id)).length).toBe(report.moved);
      expect(statements.length - before.statements).toBeLessThanOrEqual(maxStatements(budget));
      expect(report.statements).toBe(statements.length - before.statements);
      expect(roundTripsOf(statements.slice(before.statements), batches.slice(before.batches))).toBeLessThan(statements.length - before.statements);
    }
    // 24 tasks at most 10 a run, 6 a day object: not in one run, and not forever.
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(runs).toBeLessThanOrEqual(6);
    for (const run of puts) expect(new Set(run).size).toBe(run.length);
    expect(puts.flat()).toContain(`r2 put ${historyKey(ws.id, utcDayOf(now - 120 * DAY))}`);
    expect((await archivedIds(ws.id)).sort((a, b) => a - b)).toEqual(ids);
    expect(await countDrift()).toEqual([]);
  });

  it("moves the tasks of many workspaces, each by its own retention", async () => {
    await drainHistory(now);
    const spaces = await Promise.all([7, 30, 90].map((retentionDays) => createTestWorkspace({ retentionDays })));
    const made = await Promise.all(spaces.map(async (ws) => ({ ws, old: await finishedTask(ws, now - 60 * DAY), recent: await finishedTask(ws, now - 20 * DAY) })));
    await cron();
    const [week, month, quarter] = made;
    expect(await archivedIds(week!.ws.id)).toEqual([week!.old, week!.recent]);
    expect(await archivedIds(month!.ws.id)).toEqual([month!.old]);
    expect(await archivedIds(quarter!.ws.id)).toEqual([]);
    expect(await countDrift()).toEqual([]);
  });
});
