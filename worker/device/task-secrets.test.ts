import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { fetchWithEnv } from "../test/app-with-env";
import { connectAgent, eventually } from "../test/agent-fixture";
import { createTestWorkspace } from "../test/workspace-fixture";

/**
 * A ChatGPT api_key (the one secret a script's config holds today): sealed apart from the
 * stored config at create, never shown back, and given only to the agent in the task's run.
 */
const KEY = "sk-test-9f8e7d6c5b4a";
const API_SHAPE = { api_key: KEY, model: "gpt-4o-mini", prompt: "Say something kind", base_url: "https://llm.example/v1" };
const APP_SHAPE = { url: "https://api.openai.com/v1/chat/completions", api_key: KEY, model: "gpt-4o-mini", system_prompt: "Be brief" };
const warmup = (chatgpt_settings: Record<string, unknown>) => ({ task_duration: 600, comment_probable: 20, generate_by_chatgpt: true, chatgpt_settings });

/** A warm-up created on a deployment that has no TASK_SECRETS_KEY. */
function createWithoutKey(apiKey: string, script_config: Record<string, unknown>): Promise<Response> {
  const body = JSON.stringify({ serials: ["p1"], script_name: "account_warmup", script_config });
  return fetchWithEnv({ TASK_SECRETS_KEY: undefined }, "POST", "/api/v1/task", { authorization: `Bearer ${apiKey}`, "content-type": "application/json" }, body);
}

async function rowsOf(workspaceId: string) {
  const { results } = await env.DB.prepare("select id, script_config, secrets from tasks where workspace_id = ? order by id").bind(workspaceId).all<{ id: number; script_config: string; secrets: string | null }>();
  return results;
}

describe("a task's secret: the ChatGPT api_key", () => {
  it.each([["the API page's shape", API_SHAPE], ["the desktop app's shape", APP_SHAPE]])("in %s is stored sealed, not in script_config, and GET /task never shows it", async (_shape, settings) => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("POST", "/api/v1/task", { serials: ["p1", "p2"], script_name: "account_warmup", script_config: warmup(settings) });
    expect(answer.code, answer.message).toBe(0);
    const rows = await rowsOf(ws.id);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.script_config).not.toContain(KEY);
      expect(row.secrets).toMatch(/^v1\./);
      expect(row.secrets).not.toContain(KEY);
      const { api_key: _key, ...rest } = settings;
      expect(JSON.parse(row.script_config)).toEqual({ ...warmup(rest) });
    }
    const one = await ws.call("GET", `/api/v1/task/${rows[0]?.id}`);
    const list = await ws.call("GET", "/api/v1/task");
    expect(JSON.stringify(one.data)).not.toContain(KEY);
    expect(JSON.stringify(list.data)).not.toContain(KEY);
    expect(one.data.script_config.chatgpt_settings).not.toHaveProperty("api_key");
  });

  it("reaches the agent in the run, whole, with the warm-up's duration in its deadline", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, "secret-phone");
    const before = Date.now();
    await ws.call("POST", "/api/v1/task", { serials: ["secret-phone"], script_name: "account_warmup", script_config: warmup(APP_SHAPE) });
    const run = await agent.next("run");
    expect(run.config).toEqual(warmup(APP_SHAPE));
    expect(run.deadline_at).toBeGreaterThanOrEqual(before + 600_000);
  });

  it("of a row copied into another workspace does not open there: the task fails 1016, and nothing reaches the agent", async () => {
    const owner = await createTestWorkspace();
    const other = await createTestWorkspace();
    await owner.call("POST", "/api/v1/task", { serials: ["owner-phone"], script_name: "account_warmup", script_config: warmup(API_SHAPE) });
    const [sealed] = await rowsOf(owner.id);
    const created = await other.call("POST", "/api/v1/task", { serials: ["copy-phone"], script_name: "account_warmup", script_config: warmup(API_SHAPE) });
    const [id] = created.data.task_ids as number[];
    await env.DB.prepare("update tasks set secrets = ? where id = ?").bind(sealed?.secrets ?? "", id ?? 0).run();
    const agent = await connectAgent(other.agentToken, "copy-phone");
    await eventually(async () => {
      const task = await other.call("GET", `/api/v1/task/${id}`);
      expect(task.data).toMatchObject({ status: 3, fail_code: 1016 });
    });
    expect(agent.received.filter((m) => m.type === "run")).toHaveLength(0);
  });

  it("on a deployment without TASK_SECRETS_KEY is refused with 40001 naming the field and the fix, never the value, and nothing is stored", async () => {
    const ws = await createTestWorkspace();
    const response = await createWithoutKey(ws.apiKey, warmup(API_SHAPE));
    const answer = (await response.json()) as { code: number; message: string };
    expect(answer.code).toBe(40001);
    expect(answer.message).toContain("script_config.chatgpt_settings.api_key");
    expect(answer.message).toContain("TASK_SECRETS_KEY");
    expect(answer.message).not.toContain(KEY);
    expect(await rowsOf(ws.id)).toHaveLength(0);
  });

  it("a config without secrets needs no key: posts run on a deployment without one", async () => {
    const ws = await createTestWorkspace();
    const response = await createWithoutKey(ws.apiKey, { task_duration: 600 });
    expect(((await response.json()) as { code: number }).code).toBe(0);
    expect((await rowsOf(ws.id))[0]?.secrets).toBeNull();
  });
});
