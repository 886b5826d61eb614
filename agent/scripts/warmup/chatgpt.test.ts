import { afterEach, describe, expect, test } from "vitest";
import { warmupConfigSchema } from "../../../shared/scripts/warmup";
import { type ChatAnswer, type ChatServer, startChatServer } from "../../testing/chat-server";
import { ChatError, chatSettingsOf, fitComment, generateComment } from "./chatgpt";

const KEY = "sk-test-1234567890abcdef";
let server: ChatServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const settingsOf = (chatgpt_settings: Record<string, unknown>) => {
  const settings = chatSettingsOf(warmupConfigSchema.parse({ generate_by_chatgpt: true, chatgpt_settings }).chatgpt_settings);
  if (settings === undefined) throw new Error("no settings");
  return settings;
};

async function serve(answer: (index: number) => ChatAnswer): Promise<ChatServer> {
  server = await startChatServer((_request, index) => answer(index));
  return server;
}

describe("chatgpt_settings in both documented shapes", () => {
  test("the API page's: base_url is the root, chat/completions added; its defaults are gpt-3.5-turbo and no max_tokens or temperature sent", () => {
    expect(settingsOf({ api_key: KEY })).toMatchObject({ endpoint: "https://api.openai.com/v1/chat/completions", model: "gpt-3.5-turbo", maxTokens: undefined, temperature: undefined });
    expect(settingsOf({ api_key: KEY, base_url: "https://llm.example/v1/", model: "m", prompt: "p", max_tokens: 50, temperature: 0.8 })).toEqual({ endpoint: "https://llm.example/v1/chat/completions", apiKey: KEY, model: "m", systemPrompt: "p", maxTokens: 50, temperature: 0.8 });
  });

  test("the desktop app's: url is the endpoint itself; its default model is gpt-4o-mini; either field takes either form", () => {
    expect(settingsOf({ url: "https://api.openai.com/v1/chat/completions", api_key: KEY, system_prompt: "s" })).toMatchObject({ endpoint: "https://api.openai.com/v1/chat/completions", model: "gpt-4o-mini", systemPrompt: "s" });
    expect(settingsOf({ url: "https://llm.example/v1", api_key: KEY }).endpoint).toBe("https://llm.example/v1/chat/completions");
    expect(settingsOf({ api_key: KEY, base_url: "https://llm.example/v1/chat/completions" }).endpoint).toBe("https://llm.example/v1/chat/completions");
  });
});

describe("a generated comment", () => {
  test("sends the prompt and the caption with the key as a Bearer token, and takes the first choice, one line, unquoted", async () => {
    const chat = await serve(() => ({ comment: '"Love the\nmorning light!"' }));
    const settings = settingsOf({ api_key: KEY, base_url: chat.url.replace(/\/chat\/completions$/, ""), prompt: "Be kind", max_tokens: 40, temperature: 0.5 });
    expect(await generateComment(settings, "Morning run #fyp", 150, new AbortController().signal)).toBe("Love the morning light!");
    expect(chat.requests).toEqual([
      {
        authorization: `Bearer ${KEY}`,
        body: { model: "gpt-3.5-turbo", messages: [{ role: "system", content: "Be kind" }, { role: "user", content: "The video's caption: Morning run #fyp" }], max_tokens: 40, temperature: 0.5 },
      },
    ]);
  });

  test("is cut to the platform's length, by characters, emoji whole", () => {
    expect(fitComment(`${"😀".repeat(160)}`, 150)).toBe("😀".repeat(150));
    expect(fitComment("  ‘fine’  ", 150)).toBe("fine");
  });

  test.each([
    [{ status: 401, error: `Incorrect API key provided: ${KEY}.` }, /HTTP 401: Incorrect API key provided: \[api_key\]/],
    [{ status: 429, error: "Rate limit reached" }, /HTTP 429: Rate limit reached/],
    [{ status: 500 }, /HTTP 500/],
    [{ comment: "   " }, /answered no comment/],
  ] satisfies [ChatAnswer, RegExp][])("fails with ChatError naming what went wrong, never the key: %o", async (answer, reason) => {
    const chat = await serve(() => answer);
    const failure = await generateComment(settingsOf({ api_key: KEY, url: chat.url }), "", 150, new AbortController().signal).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ChatError);
    expect(String((failure as Error).message)).toMatch(reason);
    expect(String((failure as Error).message)).not.toContain(KEY);
    expect(chat.requests[0]?.body.messages?.[1]?.content).toBe("The video has no caption.");
  });

  test("an endpoint nobody listens on is a ChatError; a stop while it hangs is the stop", async () => {
    const closed = await startChatServer(() => ({ comment: "x" }));
    await closed.close();
    await expect(generateComment(settingsOf({ api_key: KEY, url: closed.url }), "", 150, new AbortController().signal)).rejects.toThrow(/127\.0\.0\.1:\d+ could not be reached/);
    const chat = await serve(() => ({ hang: true }));
    const stop = new AbortController();
    setTimeout(() => stop.abort(new Error("stopped")), 200);
    await expect(generateComment(settingsOf({ api_key: KEY, url: chat.url }), "", 150, stop.signal)).rejects.toThrow("stopped");
  });
});
