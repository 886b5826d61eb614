import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { completed, createTasks, failed, running, setTaskState } from "../test/task-fixture";
import { countDrift } from "../test/task-counts-check";
import { createTestWorkspace } from "../test/workspace-fixture";

/**
 * Migration 0017 (the counters' triggers and their backfill) as the migration runners apply
 * it. env.TEST_MIGRATIONS is migrations/ split into statements by wrangler's own splitter
 * (readD1Migrations), the one `wrangler d1 migrations apply --local` uses: a trigger cut at
 * a semicolon of its body would fail to apply, or apply as a trigger doing less.
 */
const MIGRATION = "0017_task_counts_triggers.sql";
const TRIGGERS = ["task_counts_delete", "task_counts_insert", "task_counts_update"];

function migrationQueries(): string[] {
  const migration = env.TEST_MIGRATIONS.find((m) => m.name === MIGRATION);
  if (migration === undefined) throw new Error(`${MIGRATION} is not among the test migrations`);
  return migration.queries;
}

describe(`migration ${MIGRATION}`, () => {
  it("reaches D1 as whole triggers: each CREATE TRIGGER one statement, from its name to its END", () => {
    const triggers = migrationQueries().filter((q) => q.startsWith("CREATE TRIGGER"));
    expect(triggers.map((q) => /^CREATE TRIGGER `(\w+)`/.exec(q)?.[1]).sort()).toEqual(TRIGGERS);
    for (const trigger of triggers) expect(trigger).toMatch(/\nEND$/);
    expect(migrationQueries()).toHaveLength(TRIGGERS.length + 4);
  });

  it("leaves the three triggers in the database", async () => {
    const { results } = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'tasks' AND name LIKE 'task_counts_%' ORDER BY name").all<{ name: string }>();
    expect(results.map((r) => r.name)).toEqual(TRIGGERS);
  });

  it("counts the tasks made before it, then keeps counting", async () => {
    // The database as it was before 0017: tasks, an empty counter table, no triggers.
    await env.DB.batch([...TRIGGERS.map((t) => env.DB.prepare(`DROP TRIGGER ${t}`)), env.DB.prepare("DELETE FROM task_counts")]);
    const ws = await createTestWorkspace();
    const other = await createTestWorkspace();
    const [r = 0, c = 0, f = 0] = await createTasks(ws, ["a", "b", "a", "c"]);
    await createTasks(other, ["a"]);
    await Promise.all([setTaskState(r, running), setTaskState(c, completed), setTaskState(f, { ...failed, source: "ui", scriptName: "follow" })]);
    expect(await countDrift()).not.toEqual([]);

    // Applied as applyD1Migrations and wrangler apply it: one batch, so one transaction.
    await env.DB.batch(migrationQueries().map((q) => env.DB.prepare(q)));
    expect(await countDrift()).toEqual([]);
    expect((await ws.call("GET", "/api/v1/task/stats")).data).toEqual({ total: 4, pending: 1, running: 1, completed: 1, failed: 1 });

    await createTasks(ws, ["b"]);
    await setTaskState(r, completed);
    expect(await countDrift()).toEqual([]);
  });
});
