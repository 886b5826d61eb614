import { env, SELF } from "cloudflare:test";
import { type CredentialKind, generateCredential } from "../../shared/credentials";
import type { PlanId } from "../../shared/plans";
import type { Platform } from "../../shared/platforms";
import { openDb } from "../db/client";
import { credentials, workspaces } from "../db/schema";

export interface WorkspaceOptions {
  plan?: PlanId;
  timezone?: string;
  defaultPlatform?: Platform;
  maxRetryCount?: number;
  retentionDays?: number;
  /** The D1 binding its data is placed on (default DB, the directory). */
  shard?: string;
}

export interface TestWorkspace {
  id: string;
  apiKey: string;
  agentToken: string;
  /** Calls the API as this workspace's key; `body` is sent as JSON unless it is a string, bytes or a stream. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiAnswer>;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  code: number;
  message: string;
  // Tests read fields off answers freely; the assertions are what check their shape.

  data: any;
}

let counter = 0;

/**
 * A workspace with one API key and one agent token, made straight in the directory's D1, as
 * the admin tool makes one: its first request copies the row to its shard.
 */
export async function createTestWorkspace(options: WorkspaceOptions = {}): Promise<TestWorkspace> {
  const db = openDb(env.DB);
  const id = `ws_test_${Date.now().toString(36)}_${++counter}`;
  await db.insert(workspaces).values({
    id,
    name: id,
    plan: options.plan ?? "pro",
    timezone: options.timezone ?? "UTC",
    defaultPlatform: options.defaultPlatform ?? "tiktok",
    maxRetryCount: options.maxRetryCount ?? 3,
    ...(options.retentionDays === undefined ? {} : { retentionDays: options.retentionDays }),
    ...(options.shard === undefined ? {} : { shard: options.shard }),
    createdAt: Date.now(),
  });
  const apiKey = await addCredential(id, "api_key");
  const agentToken = await addCredential(id, "agent_token");
  return {
    id,
    apiKey,
    agentToken,
    call: (method, path, body, headers = {}) =>
      callApi(method, path, body, { authorization: `Bearer ${apiKey}`, ...headers }),
  };
}

export async function addCredential(workspaceId: string, kind: CredentialKind): Promise<string> {
  const credential = await generateCredential(kind);
  await openDb(env.DB).insert(credentials).values({
    id: credential.id,
    workspaceId,
    kind,
    name: `test ${kind}`,
    secretHash: credential.secretHash,
    createdAt: Date.now(),
  });
  return credential.token;
}

/** One request through the Worker's real fetch handler, answer parsed as the envelope. */
export async function callApi(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiAnswer> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === "string" || body instanceof Uint8Array || body instanceof ReadableStream ? body : JSON.stringify(body);
    init.headers = { "content-type": "application/json", ...headers };
  }
  const response = await SELF.fetch(`https://api.test${path}`, init);
  const text = await response.text();
  let parsed: { code: number; message: string; data: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw new Error(`${method} ${path} answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`);
  }
  return { status: response.status, headers: response.headers, ...parsed } as ApiAnswer;
}
