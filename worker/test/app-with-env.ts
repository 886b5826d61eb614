import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { createApp } from "../app";
import type { Env } from "../env";

const app = createApp();

/**
 * One request through the Worker's app with some vars or bindings replaced, as a deploy
 * with other settings would run it. The pool gives every test the same wrangler vars;
 * this is how a test tries others without a config of its own.
 */
export async function fetchWithEnv(
  overrides: Partial<Env>,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: BodyInit,
): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await app.request(`https://api.test${path}`, { method, headers, body }, { ...env, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}
