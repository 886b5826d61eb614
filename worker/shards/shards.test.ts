import { createScheduledController, env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { TaskStatus } from "../../shared/task-status";
import worker from "../index";
import { openDb } from "../db/client";
import { workspaces } from "../db/schema";
import { archivedIds, DAY } from "../retention/history-testing";
import { connectAgent } from "../test/agent-fixture";
import { SECOND_SHARD, secondShard } from "../test/second-shard";
import { createTestWorkspace, type TestWorkspace } from "../test/workspace-fixture";
import { shardBinding, shardNames } from "./shard-bindings";
import { copyWorkspaces } from "./workspace-copy";

/**
 * Two D1 databases (vitest.config.ts): DB, the directory and first shard, and DB_2. A workspace
 * placed on DB_2 keeps its data there and only there, and every path reaches it: the API, a
 * phone's object, the Cron Trigger (docs/shards.md).
 */

const post = { script_name: "post", script_config: { captions: "hi", material_list: ["clip.mp4"] } };

/** How many rows of `table` the workspace has on each database. */
async function rowsOn(table: "tasks" | "devices" | "task_counts" | "credentials" | "workspaces", workspaceId: string) {
  const column = table === "workspaces" ? "id" : "workspace_id";
  const count = async (db: D1Database) => (await db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${column} = ?`).bind(workspaceId).first<{ n: number }>())?.n;
  return { DB: await count(env.DB), DB_2: await count(secondShard()) };
}

/** The shard's copy of the workspace row, and the directory's row. */
async function copyOf(workspaceId: string) {
  return openDb(secondShard()).select().from(workspaces).where(eq(workspaces.id, workspaceId)).get();
}

async function directoryRow(workspaceId: string) {
  return openDb(env.DB).select().from(workspaces).where(eq(workspaces.id, workspaceId)).get();
}

async function taskIds(ws: TestWorkspace): Promise<number[]> {
  const listed = await ws.call("GET", "/api/v1/task?page_size=100");
  return (listed.data.tasks as { id: number }[]).map((t) => t.id).sort((a, b) => a - b);
}

describe("a workspace on the second database", () => {
  it("keeps its tasks, phones and counts there, its credentials in the directory, and is answered from there", async () => {
    const first = await createTestWorkspace();
    const second = await createTestWorkspace({ shard: SECOND_SHARD });
    const made = {
      first: (await first.call("POST", "/api/v1/task", { serials: ["p-1", "p-2"], ...post })).data.task_ids as number[],
      second: (await second.call("POST", "/api/v1/task", { serials: ["p-1", "p-2", "p-3"], ...post })).data.task_ids as number[],
    };

    expect(await rowsOn("tasks", first.id)).toEqual({ DB: 2, DB_2: 0 });
    expect(await rowsOn("tasks", second.id)).toEqual({ DB: 0, DB_2: 3 });
    expect(await rowsOn("devices", second.id)).toEqual({ DB: 0, DB_2: 3 });
    expect((await rowsOn("task_counts", second.id)).DB).toBe(0);
    expect(await rowsOn("credentials", second.id)).toEqual({ DB: 2, DB_2: 0 });
    // The directory's row, and the shard's copy of it that the shard's foreign keys need.
    expect(await rowsOn("workspaces", second.id)).toEqual({ DB: 1, DB_2: 1 });
    expect(await rowsOn("workspaces", first.id)).toEqual({ DB: 1, DB_2: 0 });

    expect(await taskIds(first)).toEqual([...made.first].sort((a, b) => a - b));
    expect(await taskIds(second)).toEqual([...made.second].sort((a, b) => a - b));
    expect((await second.call("GET", "/api/v1/task/stats")).data).toMatchObject({ total: 3, pending: 3 });
    expect((await first.call("GET", "/api/v1/task/stats")).data).toMatchObject({ total: 2, pending: 2 });
    const devices = await second.call("GET", "/api/v1/devices");
    expect(devices.code, devices.message).toBe(0);
  });

  it("runs its phone's task through the phone's object on that database, claim to result", async () => {
    const ws = await createTestWorkspace({ shard: SECOND_SHARD });
    const agent = await connectAgent(ws.agentToken, "shard-phone");
    const created = await ws.call("POST", "/api/v1/task", { serials: ["shard-phone"], ...post });
    const id = created.data.task_ids[0] as number;
    const run = await agent.next("run");
    expect(run.task_id).toBe(id);
    agent.send({ type: "ack", task_id: id, attempt_id: run.attempt_id });
    agent.send({ type: "log", task_id: id, attempt_id: run.attempt_id, seq: 0, at: Date.now(), level: "info", message: "opened TikTok" });
    agent.send({ type: "result", task_id: id, attempt_id: run.attempt_id, ok: true, remark: "posted" });
    await agent.next("result_ack");

    expect((await ws.call("GET", `/api/v1/task/${id}`)).data).toMatchObject({ status: TaskStatus.Completed, remark: "posted" });
    const stored = await secondShard().prepare("SELECT status, (SELECT count(*) FROM task_logs WHERE task_id = ?1) AS logs FROM tasks WHERE id = ?1").bind(id).first();
    expect(stored).toEqual({ status: TaskStatus.Completed, logs: 1 });
    const phone = await secondShard().prepare("SELECT connected FROM devices WHERE workspace_id = ? AND serial = 'shard-phone'").bind(ws.id).first();
    expect(phone).toEqual({ connected: 1 });
    expect(await rowsOn("devices", ws.id)).toEqual({ DB: 0, DB_2: 1 });
  });

  it("gets a settings change on its copy at once, and any other writer's change at its next request", async () => {
    const ws = await createTestWorkspace({ shard: SECOND_SHARD });
    await ws.call("GET", "/api/v1/workspace");
    const patched = await ws.call("PATCH", "/api/v1/workspace", { max_retry_count: 7 });
    expect(patched.code, patched.message).toBe(0);
    expect(await copyOf(ws.id)).toMatchObject({ maxRetryCount: 7, revision: (await directoryRow(ws.id))?.revision });

    // As `npm run admin -- set-plan` writes it: straight into the directory, which raises the revision.
    const before = (await directoryRow(ws.id))?.revision ?? -1;
    await env.DB.prepare("UPDATE workspaces SET plan = 'team' WHERE id = ?").bind(ws.id).run();
    expect((await directoryRow(ws.id))?.revision).toBe(before + 1);
    expect((await copyOf(ws.id))?.plan).toBe("pro");
    await ws.call("GET", "/api/v1/workspace");
    expect(await copyOf(ws.id)).toMatchObject({ plan: "team", revision: before + 1 });
  });

  it("never has a newer copy replaced by an older revision", async () => {
    const ws = await createTestWorkspace({ shard: SECOND_SHARD });
    await ws.call("PATCH", "/api/v1/workspace", { max_retry_count: 2 });
    const old = await copyOf(ws.id);
    await ws.call("PATCH", "/api/v1/workspace", { max_retry_count: 9 });
    if (old === undefined) throw new Error("no copy");
    await copyWorkspaces(openDb(secondShard()), [old]).run();
    expect((await copyOf(ws.id))?.maxRetryCount).toBe(9);
  });

  it("has its history moved and its copy refreshed by the Cron run, with no request in between", async () => {
    const ws = await createTestWorkspace({ shard: SECOND_SHARD, retentionDays: 30 });
    const [id] = (await ws.call("POST", "/api/v1/task", { serials: ["old-phone"], ...post })).data.task_ids as number[];
    const finishedAt = Date.now() - 40 * DAY;
    await secondShard().prepare("UPDATE tasks SET status = ?, started_at = ?, finished_at = ? WHERE id = ?").bind(TaskStatus.Completed, finishedAt - 60_000, finishedAt, id).run();
    await env.DB.prepare("UPDATE workspaces SET plan = 'business' WHERE id = ?").bind(ws.id).run();

    await worker.scheduled(createScheduledController({ cron: "23 * * * *" }), env);

    expect(await rowsOn("tasks", ws.id)).toEqual({ DB: 0, DB_2: 0 });
    expect(await archivedIds(ws.id)).toEqual([id]);
    expect((await copyOf(ws.id))?.plan).toBe("business");
  });
});

describe("the shard bindings", () => {
  it("list the directory first, then every other DB_ binding", () => {
    expect(shardNames(env)).toEqual(["DB", "DB_2"]);
  });

  it("refuse a shard the Worker has no binding for, naming it", async () => {
    expect(() => shardBinding(env, "DB_9")).toThrow(/no D1 database bound as "DB_9"/);
    expect(() => shardBinding(env, "MEDIA")).toThrow(/"MEDIA"/);
    const ws = await createTestWorkspace({ shard: "DB_9" });
    const answer = await ws.call("POST", "/api/v1/task", { serials: ["p-1"], ...post });
    expect(answer.status).toBe(500);
    expect(await rowsOn("tasks", ws.id)).toEqual({ DB: 0, DB_2: 0 });
  });
});
