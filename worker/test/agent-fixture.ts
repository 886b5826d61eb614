import { env, runDurableObjectAlarm, runInDurableObject, SELF } from "cloudflare:test";
import { expect } from "vitest";
import type { AgentMessageInput, ServerMessage } from "../../shared/protocol/messages";
import type { DeviceObject } from "../device/device-object";
import { deviceStub } from "../tasks/device-queues";

export interface TestAgent {
  socket: WebSocket;
  /** Every message received so far, in order. */
  received: ServerMessage[];
  send(message: AgentMessageInput | Record<string, unknown> | string): void;
  /** The next message of `type` not yet taken (waits for it). */
  next<T extends ServerMessage["type"]>(type: T, timeoutMs?: number): Promise<Extract<ServerMessage, { type: T }>>;
  /** Resolves with the close code and reason when the object closes the socket. */
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

/** Opens a phone's agent WebSocket through the Worker, as an agent does. */
export async function openAgentSocket(token: string, serial: string): Promise<TestAgent> {
  const response = await SELF.fetch(`https://api.test/api/v1/agent/devices/${encodeURIComponent(serial)}/ws`, {
    headers: { upgrade: "websocket", authorization: `Bearer ${token}` },
  });
  const socket = response.webSocket;
  if (socket === null) throw new Error(`no WebSocket: ${response.status} ${await response.text()}`);
  socket.accept();
  const received: ServerMessage[] = [];
  const taken = new Set<number>();
  const waiters: (() => void)[] = [];
  socket.addEventListener("message", (event) => {
    received.push(JSON.parse(String(event.data)) as ServerMessage);
    for (const wake of waiters.splice(0)) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.addEventListener("close", (event) => resolve({ code: event.code, reason: event.reason })),
  );
  return {
    socket,
    received,
    closed,
    send: (message) => socket.send(typeof message === "string" ? message : JSON.stringify(message)),
    close: () => socket.close(1000, "test done"),
    async next(type, timeoutMs = 2000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = received.findIndex((m, i) => m.type === type && !taken.has(i));
        if (index >= 0) {
          taken.add(index);
          return received[index] as Extract<ServerMessage, { type: typeof type }>;
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no ${type} message within ${timeoutMs} ms; got ${JSON.stringify(received)}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, left);
        });
      }
    },
  };
}

/** An agent connected and past hello. */
export async function connectAgent(token: string, serial: string, agentId = "agent-test"): Promise<TestAgent> {
  const agent = await openAgentSocket(token, serial);
  agent.send({ type: "hello", v: 1, agent_id: agentId, serial, model: "Pixel 7", android_version: "14", agent_version: "0.1.0" });
  await agent.next("welcome");
  return agent;
}

export function phone(workspaceId: string, serial: string): DurableObjectStub<DeviceObject> {
  return deviceStub(env, workspaceId, serial);
}

/** Fires the phone's alarm now, as the platform would at its time. */
export async function fireAlarm(workspaceId: string, serial: string): Promise<boolean> {
  return runDurableObjectAlarm(phone(workspaceId, serial));
}

/** Moves every deadline and due time of the phone's queue into the past: time has passed. */
export async function letTimePass(workspaceId: string, serial: string, ms: number): Promise<void> {
  await runInDurableObject(phone(workspaceId, serial), (_instance, state) => {
    state.storage.sql.exec(
      `UPDATE queue SET due_at = due_at - ?, deadline_at = deadline_at - ?, run_deadline_at = run_deadline_at - ?`,
      ms,
      ms,
      ms,
    );
    state.storage.sql.exec(`UPDATE meta SET value = CAST(value AS INTEGER) - ? WHERE key = 'blocked_until'`, ms);
  });
}

/** Waits until `check` passes (the object works asynchronously after a message). */
export async function eventually(check: () => Promise<void> | void, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

export function expectNoMessage(agent: TestAgent, type: ServerMessage["type"]): void {
  expect(agent.received.filter((m) => m.type === type)).toEqual([]);
}
