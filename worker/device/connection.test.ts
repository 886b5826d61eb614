import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { PROTOCOL_VERSION } from "../../shared/protocol/messages";
import { ageCredentialChecks, connectAgent, openAgentSocket, roundTrip, sendResult, silenceAgents, type TestAgent } from "../test/agent-fixture";
import { createTasks, storedTask } from "../test/task-fixture";
import { createTestWorkspace, type TestWorkspace } from "../test/workspace-fixture";

const SERIAL = "phone-conn";

/** The agent route as an agent calls it, without the fixture (which insists on a socket). */
async function upgrade(token: string, serial = SERIAL, headers: Record<string, string> = { upgrade: "websocket" }) {
  const response = await SELF.fetch(`https://api.test/api/v1/agent/devices/${serial}/ws`, {
    headers: { ...headers, authorization: `Bearer ${token}` },
  });
  const socket = response.webSocket;
  const body = socket === null ? ((await response.json()) as { code: number; message: string; data: unknown }) : null;
  return { status: response.status, socket, body };
}

/** After a refused frame, the phone still works: a fresh agent gets the next task. */
async function expectPhoneStillWorks(ws: TestWorkspace): Promise<void> {
  const fresh = await connectAgent(ws.agentToken, SERIAL, "agent-fresh");
  const [id] = await createTasks(ws, [SERIAL]);
  expect((await fresh.next("run")).task_id).toBe(id);
}

const hello = (serial = SERIAL) => ({ type: "hello", v: PROTOCOL_VERSION, agent_id: "agent-x", serial, agent_version: "0.1.0" });

async function helloed(ws: TestWorkspace): Promise<TestAgent> {
  const agent = await openAgentSocket(ws.agentToken, SERIAL);
  agent.send(hello());
  await agent.next("welcome");
  return agent;
}

describe("who may connect", () => {
  it("refuses a garbage token with 401 / 40101 and no socket", async () => {
    const answer = await upgrade("not-a-token");
    expect(answer.socket).toBeNull();
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: 40101, data: null });
  });

  it("refuses an API key: an API key cannot connect as an agent", async () => {
    const ws = await createTestWorkspace();
    const answer = await upgrade(ws.apiKey);
    expect(answer.socket).toBeNull();
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: 40101, message: "an API key cannot connect as an agent" });
  });

  it("answers a plain GET (no upgrade) with 40001", async () => {
    const ws = await createTestWorkspace();
    const answer = await upgrade(ws.agentToken, SERIAL, {});
    expect(answer.socket).toBeNull();
    expect(answer.status).toBe(400);
    expect(answer.body?.code).toBe(40001);
  });

  it("connects another workspace's token to its own phone object, which never sees the first workspace's tasks", async () => {
    const a = await createTestWorkspace();
    const b = await createTestWorkspace();
    const [aTask] = await createTasks(a, [SERIAL]);
    const agentOfB = await connectAgent(b.agentToken, SERIAL);
    const [bTask] = await createTasks(b, [SERIAL]);

    // A's task is older and due first: had B's object seen it, it would have come first.
    expect((await agentOfB.next("run")).task_id).toBe(bTask);
    expect(await storedTask(aTask!)).toMatchObject({ status: 0, attemptId: null });
  });

  it("closes a second connection for the phone with 4409 and a reason naming the phone, and keeps the first", async () => {
    const ws = await createTestWorkspace();
    const first = await connectAgent(ws.agentToken, SERIAL, "agent-first");
    const second = await openAgentSocket(ws.agentToken, SERIAL);
    const closed = await second.closed;
    expect(closed.code).toBe(4409);
    expect(closed.reason).toContain(SERIAL);

    const [id] = await createTasks(ws, [SERIAL]);
    expect((await first.next("run")).task_id).toBe(id);
  });

  it("replaces a connection that went silent: the old one is closed with 4410, the new one gets runs", async () => {
    const ws = await createTestWorkspace();
    const old = await connectAgent(ws.agentToken, SERIAL, "agent-old");
    await silenceAgents(ws.id, SERIAL);
    const fresh = await connectAgent(ws.agentToken, SERIAL, "agent-new");
    expect((await old.closed).code).toBe(4410);

    const [id] = await createTasks(ws, [SERIAL]);
    expect((await fresh.next("run")).task_id).toBe(id);
  });
});

describe("malformed frames close that socket, and the phone keeps working", () => {
  it("closes with 4400 a frame that is not JSON", async () => {
    const ws = await createTestWorkspace();
    const agent = await helloed(ws);
    agent.send("{not json");
    expect(await agent.closed).toEqual({ code: 4400, reason: expect.stringMatching(/JSON/) });
    await expectPhoneStillWorks(ws);
  });

  it("closes with 4400 a frame nested too deep, before parsing it", async () => {
    const ws = await createTestWorkspace();
    const agent = await helloed(ws);
    agent.send(`{"type":"heartbeat","x":${"[".repeat(400_000)}${"]".repeat(400_000)}}`);
    expect(await agent.closed).toEqual({ code: 4400, reason: "frame nests arrays and objects more than 16 deep" });
    await expectPhoneStillWorks(ws);
  });

  it("closes with 4400 a frame holding text that is not well-formed Unicode, naming the field", async () => {
    const ws = await createTestWorkspace();
    const agent = await helloed(ws);
    agent.send('{"type":"heartbeat","note":"\\ud800"}');
    expect(await agent.closed).toEqual({ code: 4400, reason: expect.stringMatching(/^message\.note is not well-formed Unicode/) });
    await expectPhoneStillWorks(ws);
  });

  it("closes with 4400 a message of an unknown type", async () => {
    const ws = await createTestWorkspace();
    const agent = await helloed(ws);
    agent.send({ type: "dance", task_id: 1 });
    expect(await agent.closed).toEqual({ code: 4400, reason: expect.stringMatching(/^message\.type /) });
    await expectPhoneStillWorks(ws);
  });

  it("closes with 4401 a hello that names another phone", async () => {
    const ws = await createTestWorkspace();
    const agent = await openAgentSocket(ws.agentToken, SERIAL);
    agent.send(hello("some-other-phone"));
    expect(await agent.closed).toEqual({ code: 4401, reason: expect.stringContaining("some-other-phone") });
    await expectPhoneStillWorks(ws);
  });

  it("closes with 4401 a message sent before hello", async () => {
    const ws = await createTestWorkspace();
    const agent = await openAgentSocket(ws.agentToken, SERIAL);
    agent.send({ type: "heartbeat" });
    expect(await agent.closed).toEqual({ code: 4401, reason: expect.stringMatching(/^first message must be hello/) });
    await expectPhoneStillWorks(ws);
  });

  it("closes with 4401 a hello of a protocol version the object does not speak", async () => {
    const ws = await createTestWorkspace();
    const agent = await openAgentSocket(ws.agentToken, SERIAL);
    agent.send({ ...hello(), v: 2 });
    expect(await agent.closed).toEqual({ code: 4401, reason: expect.stringMatching(/hello\.v must be one of 3, 4/) });
    await expectPhoneStillWorks(ws);
  });

  it("welcomes an agent of the previous version in its own version (it sends no health)", async () => {
    const ws = await createTestWorkspace();
    const agent = await openAgentSocket(ws.agentToken, SERIAL);
    agent.send({ ...hello(), v: 3 });
    expect(await agent.next("welcome")).toMatchObject({ v: 3 });
    expect(PROTOCOL_VERSION).toBe(4);
  });

  it("closes with 4400 a result whose fail_code is not in the catalogue, and leaves the task running", async () => {
    const ws = await createTestWorkspace();
    const agent = await helloed(ws);
    const [id] = await createTasks(ws, [SERIAL]);
    const run = await agent.next("run");
    agent.send({ type: "ack", task_id: run.task_id, attempt_id: run.attempt_id });
    agent.send({ type: "result", task_id: run.task_id, attempt_id: run.attempt_id, ok: false, fail_code: 4242 });
    expect(await agent.closed).toEqual({ code: 4400, reason: expect.stringMatching(/fail_code .*catalogue/) });
    expect(await storedTask(id!)).toMatchObject({ status: 1, attemptId: run.attempt_id });

    // The run waits for its agent, as after a dropped connection: the replay completes it.
    const fresh = await connectAgent(ws.agentToken, SERIAL, "agent-fresh");
    await sendResult(fresh, run, { ok: true, remark: "posted" });
    expect((await storedTask(id!))?.status).toBe(2);
  });

  it("closes with 4400 a message with a field of the wrong type", async () => {
    const ws = await createTestWorkspace();
    const agent = await helloed(ws);
    agent.send({ type: "ack", task_id: "7", attempt_id: "attempt-0001" });
    expect(await agent.closed).toEqual({ code: 4400, reason: expect.stringMatching(/task_id must be a number/) });
    await expectPhoneStillWorks(ws);
  });
});

describe("a revoked agent token", () => {
  it("ends the sockets it opened at the next look-up, with 4403 and a reason", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, SERIAL);
    await env.DB.prepare("UPDATE credentials SET revoked_at = ? WHERE id = ?").bind(Date.now(), ws.agentToken.slice(0, 16)).run();
    // Within the look-up interval the socket carries on (no D1 read per frame)...
    agent.send({ type: "heartbeat" });
    await roundTrip(agent);
    // ...and the first frame after it closes the socket.
    await ageCredentialChecks(ws.id, SERIAL);
    agent.send({ type: "heartbeat" });
    expect(await agent.closed).toEqual({ code: 4403, reason: expect.stringMatching(/revoked/) });
  });

  it("leaves a live token's socket open after the look-up", async () => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, SERIAL);
    await ageCredentialChecks(ws.id, SERIAL);
    agent.send({ type: "heartbeat" });
    await roundTrip(agent);
    const [id] = await createTasks(ws, [SERIAL]);
    expect((await agent.next("run")).task_id).toBe(id);
  });
});
