import type { WarmupConfig } from "../../../shared/scripts/warmup";

/**
 * A warm-up's ChatGPT comment (generate_by_chatgpt): the video's caption goes to an
 * OpenAI-compatible chat-completions endpoint with the user's prompt, and the answer, made one
 * line within the platform's length, is the comment. TikMatrix's desktop app does the same from
 * the post caption. docs/scripts/account-warmup.md "ChatGPT comments".
 */
export interface ChatSettings {
  /** The full chat-completions URL. */
  endpoint: string;
  apiKey: string;
  model: string;
  systemPrompt: string;
  /** Sent only when the client gave them: newer models refuse `max_tokens`, some any `temperature`. */
  maxTokens: number | undefined;
  temperature: number | undefined;
}

const OPENAI = "https://api.openai.com/v1";
/** TikMatrix's API page default; its desktop app's is gpt-4o-mini (used for that shape). */
const API_DEFAULT_MODEL = "gpt-3.5-turbo";
const APP_DEFAULT_MODEL = "gpt-4o-mini";
const DEFAULT_PROMPT = "Write one short, friendly comment for this video, as a viewer would. Answer with the comment only.";
/** A person waits a few seconds for a comment to come to mind; an endpoint slower than this is skipped. */
const TIMEOUT_MS = 30_000;

/** Both documented shapes of chatgpt_settings, as one; undefined when none was given. */
export function chatSettingsOf(settings: WarmupConfig["chatgpt_settings"]): ChatSettings | undefined {
  if (!("api_key" in settings)) return undefined;
  const app = "url" in settings || "system_prompt" in settings;
  const base = ("url" in settings ? settings.url : undefined) ?? ("base_url" in settings ? settings.base_url : undefined) ?? OPENAI;
  return {
    endpoint: endpointOf(base),
    apiKey: settings.api_key,
    model: settings.model ?? (app ? APP_DEFAULT_MODEL : API_DEFAULT_MODEL),
    systemPrompt: ("system_prompt" in settings ? settings.system_prompt : undefined) ?? ("prompt" in settings ? settings.prompt : undefined) ?? DEFAULT_PROMPT,
    maxTokens: "max_tokens" in settings ? settings.max_tokens : undefined,
    temperature: "temperature" in settings ? settings.temperature : undefined,
  };
}

/** `base_url` is the API's root (…/v1) and `url` the endpoint itself; either works in either field. */
function endpointOf(given: string): string {
  const trimmed = given.replace(/\/+$/, "");
  return /\/chat\/completions$/.test(trimmed) ? trimmed : `${trimmed}/chat/completions`;
}

export class ChatError extends Error {}

/**
 * The comment for a video with this caption (empty when the app showed none). Throws ChatError
 * with what went wrong (never the key) when the endpoint fails, times out or answers nothing.
 */
export async function generateComment(settings: ChatSettings, caption: string, maxLength: number, signal: AbortSignal): Promise<string> {
  const body: Record<string, unknown> = {
    model: settings.model,
    messages: [
      { role: "system", content: settings.systemPrompt },
      { role: "user", content: caption === "" ? "The video has no caption." : `The video's caption: ${caption}` },
    ],
  };
  if (settings.maxTokens !== undefined) body.max_tokens = settings.maxTokens;
  if (settings.temperature !== undefined) body.temperature = settings.temperature;
  let response: Response;
  try {
    response = await fetch(settings.endpoint, {
      method: "POST",
      headers: { authorization: `Bearer ${settings.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]),
    });
  } catch (error) {
    signal.throwIfAborted(); // a stop is a stop, not a failed comment
    throw new ChatError(`${hostOf(settings.endpoint)} could not be reached: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`);
  }
  const text = await response.text().catch(() => "");
  if (!response.ok) throw new ChatError(`${hostOf(settings.endpoint)} answered HTTP ${response.status}${reasonOf(text, settings.apiKey)}`);
  const comment = commentOf(text);
  if (comment === undefined) throw new ChatError(`${hostOf(settings.endpoint)} answered no comment (no choices[0].message.content)`);
  return fitComment(comment, maxLength);
}

function commentOf(text: string): string | undefined {
  try {
    const answer = JSON.parse(text) as { choices?: { message?: { content?: unknown } }[] };
    const content = answer.choices?.[0]?.message?.content;
    return typeof content === "string" && content.trim() !== "" ? content : undefined;
  } catch {
    return undefined;
  }
}

/** One line (a newline in a comment field may send it), no wrapping quotes, cut to the platform's length. */
export function fitComment(comment: string, maxLength: number): string {
  let line = comment.replace(/\s+/g, " ").trim();
  // Models like to answer "Great video!" with the quotes.
  if (/^["'“‘«]/u.test(line) && /["'”’»]$/u.test(line)) line = line.slice(1, -1).trim();
  const chars = [...line];
  return chars.length <= maxLength ? line : chars.slice(0, maxLength).join("").trimEnd();
}

/** The endpoint's own error message, short, with the key blotted out should it echo it. */
function reasonOf(text: string, apiKey: string): string {
  let message: unknown;
  try {
    message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
  } catch {
    message = undefined;
  }
  if (typeof message !== "string" || message.trim() === "") return "";
  const short = message.split(apiKey).join("[api_key]").replace(/\s+/g, " ").trim();
  return `: ${[...short].slice(0, 200).join("")}`;
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return "the chat endpoint";
  }
}
