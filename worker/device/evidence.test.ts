import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { eventually, sendResult, startAckedRun, type RunOf, type TestAgent } from "../test/agent-fixture";
import { countTaskLogs, createTasks } from "../test/task-fixture";
import { createTestWorkspace } from "../test/workspace-fixture";

const SERIAL = "phone-evidence";
/** The 8-byte PNG signature and a few more bytes, all values a text decoding would mangle. */
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80, 0x7f, 0x01, 0xc3, 0x28]);

function upload(token: string, taskId: number, body: BodyInit = PNG, contentType = "image/png") {
  return SELF.fetch(`https://api.test/api/v1/agent/tasks/${taskId}/screenshot`, {
    method: "PUT",
    headers: { authorization: `Bearer ${token}`, "content-type": contentType },
    body,
  });
}

function download(apiKey: string, taskId: number) {
  return SELF.fetch(`https://api.test/api/v1/task/${taskId}/screenshot`, { headers: { authorization: `Bearer ${apiKey}` } });
}

async function codeOf(response: Response): Promise<number> {
  return ((await response.json()) as { code: number }).code;
}

function log(agent: TestAgent, run: RunOf, seq: number, message: string): void {
  agent.send({ type: "log", task_id: run.task_id, attempt_id: run.attempt_id, seq, at: Date.now(), level: "info", message });
}

describe("a task's screenshot", () => {
  it("stores the bytes the agent uploads, and returns them exactly, as image/png, to the API key", async () => {
    const ws = await createTestWorkspace();
    const [id] = await createTasks(ws, [SERIAL]);
    const put = await upload(ws.agentToken, id!);
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ code: 0, data: { task_id: id, bytes: PNG.byteLength } });

    const got = await download(ws.apiKey, id!);
    expect(got.status).toBe(200);
    expect(got.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(PNG);
  });

  it("answers 40401 before anything was uploaded", async () => {
    const ws = await createTestWorkspace();
    const [id] = await createTasks(ws, [SERIAL]);
    const got = await download(ws.apiKey, id!);
    expect(got.status).toBe(404);
    expect(await codeOf(got)).toBe(40401);
  });

  it("refuses an upload with an API key (40101)", async () => {
    const ws = await createTestWorkspace();
    const [id] = await createTasks(ws, [SERIAL]);
    const put = await upload(ws.apiKey, id!);
    expect(put.status).toBe(401);
    expect(await codeOf(put)).toBe(40101);
    expect((await download(ws.apiKey, id!)).status).toBe(404);
  });

  it("refuses an upload that is not an image type (40001)", async () => {
    const ws = await createTestWorkspace();
    const [id] = await createTasks(ws, [SERIAL]);
    const put = await upload(ws.agentToken, id!, "hello", "text/plain");
    expect(put.status).toBe(400);
    expect(await codeOf(put)).toBe(40001);
    expect((await download(ws.apiKey, id!)).status).toBe(404);
  });

  it("answers 40401 to an upload for another workspace's task, and stores nothing", async () => {
    const owner = await createTestWorkspace();
    const other = await createTestWorkspace();
    const [id] = await createTasks(owner, [SERIAL]);
    const put = await upload(other.agentToken, id!);
    expect(put.status).toBe(404);
    expect(await codeOf(put)).toBe(40401);
    expect((await download(owner.apiKey, id!)).status).toBe(404);
  });

  it("does not show a task's screenshot to another workspace", async () => {
    const owner = await createTestWorkspace();
    const other = await createTestWorkspace();
    const [id] = await createTasks(owner, [SERIAL]);
    await upload(owner.agentToken, id!);
    const got = await download(other.apiKey, id!);
    expect(got.status).toBe(404);
    expect(await codeOf(got)).toBe(40401);
  });
});

describe("a task's log lines", () => {
  it("returns the agent's lines in the order they came", async () => {
    const { ws, agent, id, run } = await startAckedRun(SERIAL);
    const lines = ["opened TikTok", "picked the video", "wrote the caption", "tapped Post"];
    for (const [seq, line] of lines.entries()) {
      log(agent, run, seq, line);
      await eventually(async () => expect(await countTaskLogs(id)).toBe(seq + 1));
    }
    await sendResult(agent, run);

    const answer = await ws.call("GET", `/api/v1/task/${id}/logs`);
    expect(answer.data).toMatchObject({ task_id: id });
    expect(answer.data.logs.map((l: { message: string }) => l.message)).toEqual(lines);
    expect(answer.data.logs[0]).toMatchObject({ level: "info", attempt_id: run.attempt_id });
  });

  it("returns an attempt's lines in the agent's order (seq), not in the order they were stored", async () => {
    const { ws, agent, id, run } = await startAckedRun(SERIAL);
    // Frames of one socket are handled concurrently (each handler yields on D1), so a line
    // can be stored after the one the agent sent next; here that happens on purpose.
    log(agent, run, 1, "second line");
    await eventually(async () => expect(await countTaskLogs(id)).toBe(1));
    log(agent, run, 0, "first line");
    await eventually(async () => expect(await countTaskLogs(id)).toBe(2));

    const answer = await ws.call("GET", `/api/v1/task/${id}/logs`);
    expect(answer.data.logs.map((l: { message: string }) => l.message)).toEqual(["first line", "second line"]);
  });

  it("answers 40401 for the logs of another workspace's task", async () => {
    const owner = await createTestWorkspace();
    const other = await createTestWorkspace();
    const [id] = await createTasks(owner, [SERIAL]);
    expect((await other.call("GET", `/api/v1/task/${id}/logs`)).code).toBe(40401);
  });
});
