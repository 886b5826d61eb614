import { env, runDurableObjectAlarm, runInDurableObject, SELF } from "cloudflare:test";
import { expect } from "vitest";
import { type AgentMessageInput, type PhoneHealth, PROTOCOL_VERSION, type ServerMessage } from "../../shared/protocol/messages";
import type { DeviceObject } from "../device/device-object";
import { deviceStub } from "../tasks/device-queues";
import { createTasks } from "./task-fixture";
import { createTestWorkspace } from "./workspace-fixture";

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

type RunRef = { task_id: number; attempt_id: string };

/**
 * An agent connected and past hello. `held` is what a reconnecting agent tells the object:
 * the runs it still carries out and the results its outbox holds.
 */
export async function connectAgent(
  token: string,
  serial: string,
  agentId = "agent-test",
  held: { running?: RunRef[]; unacked?: RunRef[]; health?: PhoneHealth } = {},
): Promise<TestAgent> {
  const refs = (runs: RunRef[] = []) => runs.map(({ task_id, attempt_id }) => ({ task_id, attempt_id }));
  const agent = await openAgentSocket(token, serial);
  agent.send({
    type: "hello",
    v: PROTOCOL_VERSION,
    agent_id: agentId,
    serial,
    model: "Pixel 7",
    android_version: "14",
    agent_version: "0.1.0",
    running: refs(held.running),
    unacked: refs(held.unacked),
    ...(held.health === undefined ? {} : { health: held.health }),
  });
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

// ── More helpers for the phone-object tests (worker/device/*.test.ts) ─────────────────

export type RunOf = Extract<ServerMessage, { type: "run" }>;

/** The `run` messages the agent has received so far, in order. */
export function runsOf(agent: TestAgent): RunOf[] {
  return agent.received.filter((m): m is RunOf => m.type === "run");
}

/** The `stop` messages the agent has received so far, in order. */
export function stopsOf(agent: TestAgent): Extract<ServerMessage, { type: "stop" }>[] {
  return agent.received.filter((m): m is Extract<ServerMessage, { type: "stop" }> => m.type === "stop");
}

/** Waits for a message of `type` matching `match` (does not consume it for `next`). */
export async function waitForMessage<T extends ServerMessage["type"]>(
  agent: TestAgent,
  type: T,
  match: (m: Extract<ServerMessage, { type: T }>) => boolean = () => true,
  timeoutMs = 2000,
): Promise<Extract<ServerMessage, { type: T }>> {
  let found: Extract<ServerMessage, { type: T }> | undefined;
  await eventually(() => {
    found = agent.received.find((m): m is Extract<ServerMessage, { type: T }> => m.type === type && match(m as Extract<ServerMessage, { type: T }>));
    if (found === undefined) throw new Error(`no matching ${type} message within ${timeoutMs} ms; got ${JSON.stringify(agent.received)}`);
  }, timeoutMs);
  return found as Extract<ServerMessage, { type: T }>;
}

/** The agent takes the run. */
export function ackRun(agent: TestAgent, run: { task_id: number; attempt_id: string }): void {
  agent.send({ type: "ack", task_id: run.task_id, attempt_id: run.attempt_id });
}

export interface ResultFields {
  ok?: boolean;
  fail_code?: number | null;
  remark?: string;
  posted?: boolean;
  post_url?: string | null;
  accounts?: unknown[];
}

/** Sends the run's result and waits until the object acks it (one more result_ack of that attempt). */
export async function sendResult(
  agent: TestAgent,
  run: { task_id: number; attempt_id: string },
  fields: ResultFields = { ok: true, remark: "posted" },
): Promise<void> {
  const before = resultAcksOf(agent, run).length;
  agent.send({ type: "result", task_id: run.task_id, attempt_id: run.attempt_id, ok: true, ...fields });
  await eventually(() => {
    if (resultAcksOf(agent, run).length <= before) throw new Error(`no result_ack for ${run.task_id}/${run.attempt_id}; got ${JSON.stringify(agent.received)}`);
  });
}

export function resultAcksOf(agent: TestAgent, run: { task_id: number; attempt_id: string }) {
  return agent.received.filter((m) => m.type === "result_ack" && m.task_id === run.task_id && m.attempt_id === run.attempt_id);
}

/** A task id no test creates, for round trips. */
const NO_SUCH_TASK = 2 ** 40;
let roundTrips = 0;

/**
 * One round trip through the object: a result for a task that does not exist, which the
 * object acks and otherwise ignores. A socket delivers in order, so everything the object
 * sent before it handled this frame has arrived once the ack is here.
 */
export async function roundTrip(agent: TestAgent): Promise<void> {
  await sendResult(agent, { task_id: NO_SUCH_TASK, attempt_id: `round-trip-${++roundTrips}` });
}

export interface PhoneQueueView {
  rows: { task_id: number; due_at: number; state: string; attempt_id: string | null; deadline_at: number | null; acked: number }[];
  blockedUntil: number | null;
}

/** The phone object's queue rows (by due time, then id) and its device-limit wait. */
export async function phoneQueue(workspaceId: string, serial: string): Promise<PhoneQueueView> {
  return runInDurableObject(phone(workspaceId, serial), (_instance, state) => {
    const rows = state.storage.sql
      .exec<PhoneQueueView["rows"][number]>(`SELECT task_id, due_at, state, attempt_id, deadline_at, acked FROM queue ORDER BY due_at, task_id`)
      .toArray();
    const blocked = state.storage.sql.exec<{ value: string }>(`SELECT value FROM meta WHERE key = 'blocked_until'`).toArray();
    return { rows: [...rows], blockedUntil: blocked[0] ? Number(blocked[0].value) : null };
  });
}

/** Moves every time in the phone's sockets' attachments `ms` into the past: time has passed for them. */
export async function letSocketTimePass(workspaceId: string, serial: string, ms: number): Promise<void> {
  await runInDurableObject(phone(workspaceId, serial), (_instance, state) => {
    for (const ws of state.getWebSockets()) {
      const attachment = ws.deserializeAttachment() as Record<string, unknown> | null;
      if (attachment) ws.serializeAttachment(Object.fromEntries(Object.entries(attachment).map(([key, value]) => [key, typeof value === "number" ? value - ms : value])));
    }
  });
}

/** Makes the next frame of every open socket look the token up again (see Timing.credentialCheckMs). */
export async function ageCredentialChecks(workspaceId: string, serial: string): Promise<void> {
  await runInDurableObject(phone(workspaceId, serial), (_instance, state) => {
    for (const ws of state.getWebSockets()) {
      const attachment = ws.deserializeAttachment() as Record<string, unknown> | null;
      if (attachment) ws.serializeAttachment({ ...attachment, credentialCheckedAt: 0 });
    }
  });
}

/** How many tasks of the workspace D1 holds as running. */
export async function runningCount(workspaceId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM tasks WHERE workspace_id = ? AND status = 1")
    .bind(workspaceId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** Closes the agent's socket and waits until its phone's object has noticed (phone offline in D1). */
export async function disconnect(agent: TestAgent, workspaceId: string, serial: string): Promise<void> {
  agent.close();
  await eventually(async () => {
    const row = await env.DB.prepare("SELECT connected FROM devices WHERE workspace_id = ? AND serial = ?")
      .bind(workspaceId, serial)
      .first<{ connected: number }>();
    expect(row?.connected).toBe(0);
  });
}

/** Makes the phone's current connections look silent: their last frame at `lastSeenAt` (by default, long ago). */
export async function silenceAgents(workspaceId: string, serial: string, lastSeenAt = 0): Promise<void> {
  await runInDurableObject(phone(workspaceId, serial), (_instance, state) => {
    for (const ws of state.getWebSockets()) {
      const attachment = ws.deserializeAttachment() as Record<string, unknown> | null;
      if (attachment) ws.serializeAttachment({ ...attachment, lastSeenAt });
    }
  });
}

/** A fresh workspace whose phone `serial` has an agent running one acked task. */
export async function startAckedRun(serial: string) {
  const ws = await createTestWorkspace();
  const agent = await connectAgent(ws.agentToken, serial);
  const [id] = await createTasks(ws, [serial]);
  if (id === undefined) throw new Error("no task was created");
  const run = await agent.next("run");
  ackRun(agent, run);
  return { ws, agent, id, run };
}
