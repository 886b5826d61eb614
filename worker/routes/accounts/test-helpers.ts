import { env } from "cloudflare:test";
import { expect } from "vitest";
import type { TestWorkspace } from "../../test/workspace-fixture";

/** Creates an account through the API and returns the account object it answers. */
export async function addAccount(ws: TestWorkspace, body: Record<string, unknown>) {
  const answer = await ws.call("POST", "/api/v1/accounts", body);
  expect(answer.code, answer.message).toBe(0);
  return answer.data;
}

/** D1 as the phone's object leaves it when the link opens (hello): connected since `at`. */
export async function linkOpened(ws: TestWorkspace, serial: string, at = Date.now()): Promise<void> {
  await setPresence(ws, serial, 1, at);
}

/** D1 as the phone's object leaves it when the link ended (closed, or silent): its last frame at `at`. */
export async function linkEnded(ws: TestWorkspace, serial: string, at: number): Promise<void> {
  await setPresence(ws, serial, 0, at);
}

async function setPresence(ws: TestWorkspace, serial: string, connected: 0 | 1, at: number): Promise<void> {
  await env.DB.prepare("update devices set last_seen_at = ?, connected = ? where workspace_id = ? and serial = ?").bind(at, connected, ws.id, serial).run();
}
