import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createTestWorkspace } from "../../test/workspace-fixture";

/** The create of `account_warmup` against TikMatrix's account-warmup-script page: its examples, fields, defaults and bounds. */
async function stored(workspaceId: string) {
  const { results } = await env.DB.prepare("select script_config from tasks where workspace_id = ? order by id").bind(workspaceId).all<{ script_config: string }>();
  return results.map((row) => JSON.parse(row.script_config) as Record<string, unknown>);
}

const create = (ws: Awaited<ReturnType<typeof createTestWorkspace>>, config: Record<string, unknown>, serials = ["device_serial_1"]) =>
  ws.call("POST", "/api/v1/task", { serials, script_name: "account_warmup", script_config: config });

describe("account_warmup: TikMatrix's example bodies", () => {
  it.each([
    [{ task_duration: 600, min_duration: 10, max_duration: 30 }],
    [{ task_duration: 1200, topic: "cooking\nrecipes\nfood", min_duration: 20, max_duration: 60, like_probable: 30, floow_probable: 10, collect_probable: 5, comment_probable: 15, comment: "This is amazing! 🔥\nLove this content!\nSo good! 👏\nWow, incredible!", insert_emoji: true, comment_order: "random" }],
    [{}],
  ])("%o makes one task per phone, stored as given", async (config) => {
    const ws = await createTestWorkspace();
    const answer = await create(ws, config, ["a", "b"]);
    expect(answer.code, answer.message).toBe(0);
    expect(answer.data.created_count).toBe(2);
    expect(await stored(ws.id)).toEqual([config, config]);
  });

  it("takes TikMatrix's third example, generate_by_chatgpt with the API page's settings (the key kept apart: worker/device/task-secrets.test.ts)", async () => {
    const ws = await createTestWorkspace();
    const config = { task_duration: 1800, topic: "tech reviews\ngadgets", min_duration: 30, max_duration: 90, like_probable: 25, comment_probable: 20, generate_by_chatgpt: true, chatgpt_settings: { api_key: "your-api-key", model: "gpt-3.5-turbo", prompt: "Generate a short, friendly comment about this video" } };
    const answer = await create(ws, config);
    expect(answer.code, answer.message).toBe(0);
    expect(await stored(ws.id)).toEqual([{ ...config, chatgpt_settings: { model: "gpt-3.5-turbo", prompt: "Generate a short, friendly comment about this video" } }]);
  });
});

describe("account_warmup: validation", () => {
  it.each([
    [{ task_duration: 29 }, "script_config.task_duration"],
    [{ task_duration: 14_401 }, "script_config.task_duration"],
    [{ task_duration: "600" }, "script_config.task_duration"],
    [{ min_duration: 0 }, "script_config.min_duration"],
    [{ max_duration: 601 }, "script_config.max_duration"],
    [{ min_duration: 40, max_duration: 30 }, "script_config.min_duration"],
    [{ like_probable: 101 }, "script_config.like_probable"],
    [{ floow_probable: -1 }, "script_config.floow_probable"],
    [{ collect_probable: 2.5 }, "script_config.collect_probable"],
    [{ comment_probable: 10 }, "script_config.comment"],
    [{ comment_order: "shuffle" }, "script_config.comment_order"],
    [{ follow_probable: 10 }, "script_config.follow_probable"],
    [{ chatgpt_settings: { api_key: "k", color: "red" } }, "script_config.chatgpt_settings"],
    [{ generate_by_chatgpt: true, comment_probable: 10 }, "script_config.chatgpt_settings.api_key"],
    [{ generate_by_chatgpt: true, chatgpt_settings: { api_key: "" } }, "script_config.chatgpt_settings"],
    [{ generate_by_chatgpt: true, chatgpt_settings: { api_key: "k", base_url: "http://llm.example/v1" } }, "script_config.chatgpt_settings"],
    [{ generate_by_chatgpt: true, chatgpt_settings: { api_key: "k", url: "ftp://llm.example/v1" } }, "script_config.chatgpt_settings"],
    [{ generate_by_chatgpt: true, chatgpt_settings: { api_key: "k", base_url: "not a url" } }, "script_config.chatgpt_settings"],
  ])("refuses %o with 40001 naming %s", async (config, named) => {
    const ws = await createTestWorkspace();
    const answer = await create(ws, config);
    expect(answer.code, answer.message).toBe(40001);
    expect(answer.message).toContain(named);
    expect(await stored(ws.id)).toHaveLength(0);
  });

  it("takes a model on the studio PC over plain http, loopback only", async () => {
    const ws = await createTestWorkspace();
    for (const base_url of ["http://127.0.0.1:11434/v1", "http://localhost:8080/v1", "https://llm.example/v1"]) {
      const answer = await create(ws, { generate_by_chatgpt: true, comment_probable: 10, chatgpt_settings: { api_key: "k", base_url } });
      expect(answer.code, answer.message).toBe(0);
    }
  });

  it("accepts the bounds: 30 s and 4 h, 1 and 600 s a video, 0 and 100 %", async () => {
    const ws = await createTestWorkspace();
    for (const config of [
      { task_duration: 30, min_duration: 1, max_duration: 1 },
      { task_duration: 14_400, min_duration: 600, max_duration: 600, like_probable: 100, floow_probable: 100, collect_probable: 100, comment_probable: 100, comment: "hi" },
    ]) {
      const answer = await create(ws, config);
      expect(answer.code, answer.message).toBe(0);
    }
  });
});
