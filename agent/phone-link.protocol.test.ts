import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { type WebSocket, WebSocketServer } from "ws";
import { agentMessage, type AgentMessage, PROTOCOL_VERSION } from "../shared/protocol/messages";
import type { Logger } from "./logger";
import { Outbox } from "./outbox";
import { PhoneLink } from "./phone-link";
import type { TaskRunner } from "./runner";

/**
 * The link's side of the protocol where the real Worker cannot easily be made to misbehave:
 * close codes, invalid frames, heartbeat timing. A bare WebSocket server plays the object.
 */
const TOKEN = `tma_abcdefghijkm_${"A".repeat(43)}`;
const idle: TaskRunner = { run: () => Promise.resolve() };

let wss: WebSocketServer;
let stateDir = "";
let link: PhoneLink | undefined;
const received: AgentMessage[] = [];
const logged: string[] = [];
const log: Logger = { info: (m) => logged.push(m), warn: (m) => logged.push(m), error: (m) => logged.push(m) };
let onHello: (socket: WebSocket, connection: number) => void = () => undefined;
let connections = 0;
let gaveUp = "";

beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), "tikmatrix-agent-proto-"));
  received.length = 0;
  logged.length = 0;
  connections = 0;
  gaveUp = "";
  wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
  wss.on("connection", (socket) => {
    const connection = ++connections;
    socket.on("message", (data) => {
      const message = agentMessage.parse(JSON.parse(String(data)));
      received.push(message);
      if (message.type === "hello") onHello(socket, connection);
    });
  });
});

afterEach(async () => {
  await link?.stop();
  link = undefined;
  for (const client of wss.clients) client.terminate();
  await new Promise((resolve) => wss.close(resolve));
  await rm(stateDir, { recursive: true, force: true });
});

async function start(runner: TaskRunner = idle): Promise<PhoneLink> {
  const address = wss.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  const started = new PhoneLink({
    server: `http://127.0.0.1:${port}`,
    token: TOKEN,
    serial: "phone-1",
    agentId: "test-agent",
    outbox: await Outbox.open(stateDir, "phone-1", log),
    runner,
    log,
    backoff: { initialMs: 20, maxMs: 100, jitter: 0.2 },
    phoneTakenRetryMs: 400,
    onGiveUp: (reason) => (gaveUp = reason),
  });
  link = started;
  started.start();
  return started;
}

const welcome = (socket: WebSocket, heartbeatMs = 10_000) =>
  socket.send(JSON.stringify({ type: "welcome", v: PROTOCOL_VERSION, heartbeat_interval_ms: heartbeatMs }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the link's protocol handling", () => {
  test("heartbeats at the interval welcome names", async () => {
    onHello = (socket) => welcome(socket, 50);
    await start();
    await sleep(330);
    const beats = received.filter((m) => m.type === "heartbeat").length;
    expect(beats).toBeGreaterThanOrEqual(4);
    expect(beats).toBeLessThanOrEqual(7);
  });

  test("reconnects after the socket drops and says hello again", async () => {
    onHello = (socket, connection) => (connection === 1 ? socket.terminate() : welcome(socket));
    const started = await start();
    await sleep(300);
    expect(connections).toBe(2);
    expect(started.connected).toBe(true);
    expect(received.filter((m) => m.type === "hello")).toHaveLength(2);
  });

  test("after a reconnect, hello lists the run still in progress", async () => {
    const run = { type: "run", task_id: 7, attempt_id: "attempt-0007", script: "post", config: {}, platform: "tiktok", package_name: null, username: null, request_index: 0, deadline_at: Date.now() + 60_000 };
    onHello = (socket, connection) => {
      welcome(socket);
      if (connection === 1) {
        socket.send(JSON.stringify(run));
        setTimeout(() => socket.terminate(), 50);
      }
    };
    const stillRunning: TaskRunner = {
      run: (_run, signal, report) => {
        report.ack();
        return new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
      },
    };
    await start(stillRunning);
    await sleep(300);
    const hellos = received.filter((m) => m.type === "hello");
    expect(hellos.map((h) => h.running)).toEqual([[], [{ task_id: 7, attempt_id: "attempt-0007" }]]);
    expect(received.filter((m) => m.type === "ack")).toHaveLength(1);
  });

  test("a frame that fails validation is logged and ignored; the connection stays", async () => {
    onHello = (socket) => {
      welcome(socket);
      socket.send(JSON.stringify({ type: "run", task_id: "seven" }));
      socket.send("not json");
    };
    const started = await start();
    await sleep(200);
    expect(started.connected).toBe(true);
    expect(connections).toBe(1);
    expect(logged.filter((m) => m.startsWith("ignoring a frame"))).toHaveLength(2);
  });

  test("4401 (bad hello) stops reconnecting: a retry would say the same", async () => {
    onHello = (socket) => socket.close(4401, "hello names another phone");
    await start();
    await sleep(300);
    expect(connections).toBe(1);
    expect(gaveUp).toContain("4401");
  });

  test("4409 (phone taken) asks again slowly, not at the backoff's pace", async () => {
    onHello = (socket) => socket.close(4409, "phone-1 is held by another agent");
    await start();
    await sleep(300);
    expect(connections).toBe(1);
    await sleep(300);
    expect(connections).toBe(2);
    expect(gaveUp).toBe("");
  });
});
