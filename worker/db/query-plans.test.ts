import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { FailCode } from "../../shared/fail-codes";
import { helloMessage, logMessage, phoneHealth, progressMessage } from "../../shared/protocol/messages";
import { TaskStatus } from "../../shared/task-status";
import { claimTask, pendingTasksOf, taskOf, unclaimTask } from "../device/d1-claim";
import { appendLog, endingOf, endStopped, finishAttempt, markPosted, noteProgress } from "../device/d1-finish";
import { healthThresholdsOf, recordGone, recordHealth, recordHello } from "../device/d1-presence";
import { deviceListQueries } from "../devices/device-list-queries";
import { type DeviceQueues, objectQueues } from "../tasks/device-queues";
import { homeData } from "../web/data/home-data";
import { TaskLifecycle } from "../tasks/lifecycle";
import { getTask, type PageStart, type TaskFilters, taskListQueries } from "../tasks/queries";
import { taskStatsQuery } from "../tasks/task-totals";
import { createTasks, setTaskState } from "../test/task-fixture";
import { type RecordedStatement, recordingD1 } from "../test/recording-d1";
import { createTestWorkspace } from "../test/workspace-fixture";
import { archiveHistory } from "../retention/archive-run";
import { historyExport } from "../retention/export-stream";
import { finishedTasksQuery } from "../retention/history-page";
import { DAY, finishedTask } from "../retention/history-testing";
import { utcDayOf } from "../retention/utc-day";
import { openDb } from "./client";
import { type BoundStatement, explainPlan, GROWING_TABLES, planWarnings } from "./query-plan";

/**
 * The hot statements of the Worker and the phones' objects search their tables through an
 * index: EXPLAIN QUERY PLAN shows no SCAN of tasks, devices or task_logs (a full read, which
 * D1 bills row by row and which grows with the workspace's history) and no sort of every
 * match in a temporary B-tree. The SQL is the product's own: the list's builders' `.toSQL()`,
 * and for the functions that run their statements, what they sent through a recording D1.
 * No ANALYZE ran, as in a fresh production database.
 */

async function problemsOf(statements: readonly (BoundStatement & { label: string })[]): Promise<string[]> {
  const problems: string[] = [];
  for (const statement of statements) {
    const plan = await explainPlan(env.DB, statement);
    const warnings = planWarnings(plan, GROWING_TABLES, statement.sql);
    if (warnings.length > 0) problems.push(`${statement.label}: ${statement.sql}\n  ${plan.join("\n  ")}\n  ${warnings.join("\n  ")}`);
  }
  return problems;
}

/** Runs `steps` on a recording database; answers what they sent, each labelled by its step. */
async function recorded(steps: Record<string, (db: ReturnType<typeof openDb>) => Promise<unknown>>): Promise<RecordedStatement[]> {
  const seen: RecordedStatement[] = [];
  let label = "";
  const db = openDb(recordingD1(env.DB, seen, () => label));
  for (const [name, step] of Object.entries(steps)) {
    label = name;
    await step(db);
  }
  return seen;
}

/** Every combination of the list's four filters. */
function everyFilter(): TaskFilters[] {
  const filters: TaskFilters[] = [];
  for (let mask = 0; mask < 16; mask++) {
    filters.push({
      status: mask & 1 ? TaskStatus.Running : undefined,
      serial: mask & 2 ? "p-1" : undefined,
      scriptName: mask & 4 ? "post" : undefined,
      source: mask & 8 ? "api" : undefined,
    });
  }
  return filters;
}

const noQueues: DeviceQueues = {
  enqueue: async () => {},
  stopRunning: async (task) => task,
  forget: async () => {},
};

describe("EXPLAIN QUERY PLAN of the hot statements", () => {
  it("flags a full scan of tasks, and a sort, so a passing check means something", async () => {
    const scan = await explainPlan(env.DB, { sql: "SELECT id FROM tasks WHERE remark = ?", params: ["x"] });
    expect(planWarnings(scan, GROWING_TABLES)).toEqual([expect.stringMatching(/^SCAN! whole table: SCAN tasks/)]);
    const aliased = await explainPlan(env.DB, { sql: "SELECT r.id FROM tasks AS r WHERE r.remark = ?", params: ["x"] });
    expect(planWarnings(aliased, GROWING_TABLES, "SELECT r.id FROM tasks AS r WHERE r.remark = ?")).toHaveLength(1);
    const sorted = await explainPlan(env.DB, { sql: "SELECT id FROM tasks WHERE workspace_id = ? ORDER BY remark", params: ["w"] });
    expect(planWarnings(sorted, GROWING_TABLES).some((w) => w.startsWith("SORT!"))).toBe(true);
  });

  it("GET /task: the page (by offset, first cursor page, later cursor page) and its total, under every filter", async () => {
    const db = openDb(env.DB);
    const starts: [string, PageStart][] = [
      ["page 3", { offset: 40 }],
      ["cursor start", { belowId: null }],
      ["cursor", { belowId: 12_345 }],
    ];
    const statements = everyFilter().flatMap((filters) =>
      starts.flatMap(([how, start]) => {
        const [page, total] = taskListQueries(db, "ws", filters, 20, start);
        const label = `${JSON.stringify(filters)} ${how}`;
        return [
          { label: `${label} page`, ...page.toSQL() },
          { label: `${label} total`, ...total.toSQL() },
        ];
      }),
    );
    expect(await problemsOf(statements)).toEqual([]);
  });

  it("GET /task/stats reads the counters", async () => {
    expect(await problemsOf([{ label: "stats", ...taskStatsQuery(openDb(env.DB), "ws").toSQL() }])).toEqual([]);
  });

  it("GET /devices: the total and the page, with and without the online filter", async () => {
    const db = openDb(env.DB);
    const statements = ([undefined, "0", "1"] as const).flatMap((online) =>
      deviceListQueries(db, "ws", online, 20, 40).map((q) => ({ label: `online=${online ?? ""}`, ...q.toSQL() })),
    );
    expect(await problemsOf(statements)).toEqual([]);
  });

  it("a phone's object: claim, run, log, finish, take back, free the phone, presence", async () => {
    const ws = await createTestWorkspace();
    const [a = 0, b = 0, c = 0] = await createTasks(ws, ["p-1", "p-1", "p-2"]);
    const now = Date.now();
    const health = phoneHealth.parse({ battery_level: 80, charging: true, battery_temperature_c: 30, screen_on: true, storage_free_bytes: 1e9, apps: [] });
    const hello = helloMessage.parse({ type: "hello", v: 4, agent_id: "agent-1", serial: "p-1", agent_version: "1.0.0", health });
    const statements = await recorded({
      recordHello: (db) => recordHello(db, ws.id, hello, now),
      healthThresholdsOf: (db) => healthThresholdsOf(db, ws.id),
      recordHealth: (db) => recordHealth(db, ws.id, "p-1", health, null, now),
      pendingTasksOf: (db) => pendingTasksOf(db, ws.id, "p-1"),
      claimTask: (db) => claimTask(db, ws.id, a, "attempt-a", now),
      taskOf: (db) => taskOf(db, ws.id, a, "attempt-a"),
      "claimTask (refused: already running)": (db) => claimTask(db, ws.id, a, "attempt-a2", now),
      noteProgress: (db) => noteProgress(db, ws.id, progressMessage.parse({ type: "progress", task_id: a, attempt_id: "attempt-a", step: "opening" })),
      appendLog: (db) => appendLog(db, ws.id, logMessage.parse({ type: "log", task_id: a, attempt_id: "attempt-a", seq: 0, at: now, level: "info", message: "hi" })),
      markPosted: (db) => markPosted(db, ws.id, a, "attempt-a", [], now),
      finishAttempt: (db) => finishAttempt(db, ws.id, a, "attempt-a", { ok: true, failCode: null, remark: "posted", posted: true, postUrl: null }, now),
      "finishAttempt (account needs attention)": async (db) => {
        await claimTask(db, ws.id, b, "attempt-b", now);
        return finishAttempt(db, ws.id, b, "attempt-b", endingOf(FailCode.AccountLoggedOut, { posted: false }), now);
      },
      "finishAttempt (retryable)": async (db) => {
        await claimTask(db, ws.id, c, "attempt-c0", now);
        return finishAttempt(db, ws.id, c, "attempt-c0", endingOf(FailCode.AdbError, { posted: false }), now);
      },
      unclaimTask: async (db) => {
        await claimTask(db, ws.id, c, "attempt-c", now);
        return unclaimTask(db, ws.id, c, "attempt-c", now);
      },
      endStopped: (db) => endStopped(db, ws.id, c, now),
      recordGone: (db) => recordGone(db, ws.id, "p-1", now),
    });
    expect(new Set(statements.map((s) => s.label)).size).toBeGreaterThanOrEqual(15);
    expect(await problemsOf(statements)).toEqual([]);
  });

  it("the task routes: detail, stop, retry, retry-all, delete, and the queues' look-up of connected phones", async () => {
    const ws = await createTestWorkspace();
    const [a = 0, b = 0, c = 0] = await createTasks(ws, ["p-1", "p-2", "p-3"]);
    await setTaskState(b, { status: TaskStatus.Failed });
    const statements = await recorded({
      getTask: (db) => getTask(db, ws.id, a),
      stop: (db) => new TaskLifecycle(db, ws.id, noQueues).stop(a),
      retry: (db) => new TaskLifecycle(db, ws.id, noQueues).retry(b),
      retryAll: (db) => new TaskLifecycle(db, ws.id, noQueues).retryAll(),
      delete: (db) => new TaskLifecycle(db, ws.id, noQueues).delete([c, 2 ** 40]),
      "queues: connected phones": (db) => objectQueues(env, db).enqueue(ws.id, [{ id: a, serial: "p-1", scheduledAt: 0 }]),
      "the dashboard's home page": (db) => homeData(db, ws.id, "UTC"),
    });
    expect(await problemsOf(statements)).toEqual([]);
  });

  it("the history: the job's move (planning, a day's page and lines, noting, deleting, a repair) and the export's pages and stale-copy check", async () => {
    const ws = await createTestWorkspace();
    const now = Date.now();
    const old = [await finishedTask(ws, now - 100 * DAY, { logs: 2 }), await finishedTask(ws, now - 99 * DAY, { logs: 1, failed: true })];
    await finishedTask(ws, now - 5 * DAY, { logs: 1 });
    const range = { from: now - 200 * DAY, to: now };
    const statements = await recorded({
      "the job's run": (db) => archiveHistory(db, env.MEDIA, now),
      "the export, with an archived copy noted as possibly stale": async (db) => {
        await env.DB.prepare("INSERT INTO history_moves (workspace_id, day, task_id) VALUES (?, ?, ?)").bind(ws.id, utcDayOf(now - 100 * DAY), old[0]).run();
        return new Response(historyExport(db, env.MEDIA, { workspaceId: ws.id, timeZone: "UTC", range })).text();
      },
      "the job's repair of a noted day": (db) => archiveHistory(db, env.MEDIA, now),
    });
    const labels = new Set(statements.map((s) => `${s.label}: ${s.sql.slice(0, 40)}`));
    expect(labels.size).toBeGreaterThanOrEqual(14);
    const keyset = finishedTasksQuery(openDb(env.DB), ws.id, range, { finishedAt: now - 50 * DAY, id: 12_345 }, 500).toSQL();
    const all = [...statements, { label: "the export's next page", ...keyset }];
    expect(await problemsOf(all)).toEqual([]);
    // Beyond no SCAN: a SEARCH of tasks on a prefix of an index (the workspace, a status) still
    // reads every task under it. These find tasks by id or by finished_at only.
    const broad: string[] = [];
    for (const statement of all) {
      for (const step of await explainPlan(env.DB, statement)) {
        if (/^SEARCH (tasks|t) /.test(step.trim()) && !/INTEGER PRIMARY KEY|tasks_history|\bid=\?/.test(step)) broad.push(`${statement.label}: ${step.trim()}`);
      }
    }
    expect(broad).toEqual([]);
  });

  it("a change of a task's status moves its counters by key: a few rows read, however many counters the workspace has", async () => {
    const ws = await createTestWorkspace();
    const [id = 0] = await createTasks(ws, Array.from({ length: 200 }, (_, i) => `phone-${i}`));
    const result = await env.DB.prepare("UPDATE tasks SET status = ? WHERE id = ?").bind(TaskStatus.Failed, id).run();
    // The task's row and its index entries, then four counters decremented and four upserted.
    expect(result.meta.rows_read).toBeLessThanOrEqual(20);
  });
});
