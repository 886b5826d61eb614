import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { connectAgent, eventually, fireAlarm, letTimePass } from "../test/agent-fixture";
import { createTestWorkspace } from "../test/workspace-fixture";

const post = { script_name: "post", script_config: { captions: "hi", material_list: ["clip.mp4"] } };

async function taskRow(id: number) {
  return env.DB.prepare("select status, attempt_id, remark, fail_code, retry_count, started_at, finished_at from tasks where id = ?")
    .bind(id)
    .first<{ status: number; attempt_id: string | null; remark: string; fail_code: number | null; retry_count: number }>();
}

describe("dispatch to a connected phone", () => {
  it("sends a created task to the phone's agent at once and marks it running", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, "phone-1");
    const created = await ws.call("POST", "/api/v1/task", { serials: ["phone-1"], ...post });
    const id = created.data.task_ids[0] as number;
    const run = await agent.next("run");
    expect(run).toMatchObject({ task_id: id, script: "post", config: { captions: "hi" }, platform: "tiktok" });
    const row = await taskRow(id);
    expect(row).toMatchObject({ status: 1, attempt_id: run.attempt_id });
  });

  it("tells each run its task's place in its create, which a multiline caption's line follows", async () => {
    const ws = await createTestWorkspace();
    const agents = await Promise.all(["line-0", "line-1", "line-2"].map((serial) => connectAgent(ws.agentToken, serial)));
    await ws.call("POST", "/api/v1/task", { serials: ["line-0", "line-1", "line-2"], ...post });
    const runs = await Promise.all(agents.map((agent) => agent.next("run")));
    expect(runs.map((run) => run.request_index)).toEqual([0, 1, 2]);
  });

  it("completes the task with the agent's result and acks it", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, "phone-1");
    const created = await ws.call("POST", "/api/v1/task", { serials: ["phone-1"], ...post });
    const run = await agent.next("run");
    agent.send({ type: "ack", task_id: run.task_id, attempt_id: run.attempt_id });
    agent.send({ type: "log", task_id: run.task_id, attempt_id: run.attempt_id, seq: 0, at: Date.now(), level: "info", message: "opened TikTok" });
    agent.send({ type: "result", task_id: run.task_id, attempt_id: run.attempt_id, ok: true, remark: "posted" });
    await agent.next("result_ack");
    const task = await ws.call("GET", `/api/v1/task/${created.data.task_ids[0]}`);
    expect(task.data).toMatchObject({ status: 2, remark: "posted", fail_code: null });
    const logs = await ws.call("GET", `/api/v1/task/${created.data.task_ids[0]}/logs`);
    expect(logs.data.logs).toMatchObject([{ level: "info", message: "opened TikTok" }]);
  });

  it("keeps a task with a start time until it is due", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, "phone-1");
    const at = new Date(Date.now() + 3_600_000).toISOString();
    await ws.call("POST", "/api/v1/task", { serials: ["phone-1"], start_time: at, ...post });
    expect(await fireAlarm(ws.id, "phone-1")).toBe(true);
    expect(agent.received.filter((m) => m.type === "run")).toEqual([]);
    await letTimePass(ws.id, "phone-1", 3_600_000);
    await fireAlarm(ws.id, "phone-1");
    await agent.next("run");
    await eventually(async () => expect((await ws.call("GET", "/api/v1/task/stats")).data.running).toBe(1));
  });
});
