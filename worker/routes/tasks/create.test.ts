import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createTestWorkspace } from "../../test/workspace-fixture";

const post = (config: Record<string, unknown> = {}) => ({ script_name: "post", script_config: config });

describe("POST /api/v1/task", () => {
  it("answers the curl example of TikMatrix's page with one task id", async () => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("POST", "/api/v1/task", {
      serials: ["device_serial_1"],
      script_name: "post",
      script_config: {
        content_type: 0,
        captions: "看看我的新视频!#热门 #推荐",
        material_list: ["C:/Videos/video1.mp4"],
        upload_wait_time: 60,
      },
    });
    expect(answer.status).toBe(200);
    expect(answer).toEqual({
      status: 200,
      headers: answer.headers,
      code: 0,
      message: "success",
      data: { task_ids: [expect.any(Number)], created_count: 1 },
    });
  });

  it("creates one pending task per serial, visible through GET", async () => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("POST", "/api/v1/task", { serials: ["a", "b"], ...post({ captions: "hi" }) });
    expect(answer.data.created_count).toBe(2);
    const [first] = answer.data.task_ids as number[];
    const task = await ws.call("GET", `/api/v1/task/${first}`);
    expect(task.data).toMatchObject({ id: first, serial: "a", status: 0, source: "api", script_config: { captions: "hi" } });
    const stored = await env.DB.prepare("select count(*) as n from tasks where workspace_id = ?").bind(ws.id).first<{ n: number }>();
    expect(stored?.n).toBe(2);
  });
});
