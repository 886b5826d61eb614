import { env } from "cloudflare:test";
import { expect } from "vitest";
import type { TestWorkspace } from "../../test/workspace-fixture";

/** Creates an account through the API and returns the account object it answers. */
export async function addAccount(ws: TestWorkspace, body: Record<string, unknown>) {
  const answer = await ws.call("POST", "/api/v1/accounts", body);
  expect(answer.code, answer.message).toBe(0);
  return answer.data;
}

/** Marks a phone as heard from just now, as the agent's heartbeat would. */
export async function heartbeat(ws: TestWorkspace, serial: string, at = Date.now()): Promise<void> {
  await env.DB.prepare("update devices set last_seen_at = ?, connected = 1 where workspace_id = ? and serial = ?")
    .bind(at, ws.id, serial)
    .run();
}
