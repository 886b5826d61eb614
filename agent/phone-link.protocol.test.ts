import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { type WebSocket, WebSocketServer } from "ws";
import { agentMessage, type AgentMessage, PROTOCOL_VERSION } from "../shared/protocol/messages";
import type { Logger } from "./logger";
import { Outbox } from "./outbox";
import { PhoneLink } from "./phone-link";
import type { PhoneDriver } from "./adb/phone-driver";
import { type TaskRunner, ScriptRunner } from "./runner";
import { PhoneScripts } from "./scripts";
import { loadApps } from "./scripts/apps/load-apps";
import { LocalFolders } from "./scripts/post/local-folder";
import { unusedLibrary } from "./testing/library";

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

async function start(runner: TaskRunner = idle, extra: Partial<ConstructorParameters<typeof PhoneLink>[0]> = {}): Promise<PhoneLink> {
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
    ...extra,
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

  test("hello carries the phone's condition, and a health report follows at its interval; a reader that fails or hangs costs the link nothing", async () => {
    onHello = (socket) => welcome(socket);
    const condition = { battery_level: 64, charging: false, battery_temperature_c: 33.1, screen_on: true, storage_free_bytes: 5_000_000_000, apps: [] };
    let reads = 0;
    await start(idle, { health: () => Promise.resolve({ ...condition, battery_level: 64 - reads++ }), healthEveryMs: 60 });
    await sleep(330);
    const hello = received.find((m) => m.type === "hello");
    expect(hello?.type === "hello" && hello.health).toEqual(condition);
    const reports = received.filter((m) => m.type === "health");
    expect(reports.length).toBeGreaterThanOrEqual(3);
    expect(reports[0]).toMatchObject({ type: "health", battery_level: 63 });
    await link?.stop();
    received.length = 0;
    await start(idle, { health: () => Promise.reject(new Error("phone busy")), healthEveryMs: 60 });
    await sleep(200);
    const second = received.find((m) => m.type === "hello");
    expect(second?.type === "hello" && second.health).toBeNull();
    expect(received.filter((m) => m.type === "health")).toEqual([]);
    expect(logged.some((m) => m.includes("cannot read the phone's condition: Error: phone busy"))).toBe(true);
  });

  test("drain (an update waiting): the run in progress ends and sends its result, a run sent meanwhile is not taken, then the link closes", async () => {
    const run = (id: number) => ({ type: "run", task_id: id, attempt_id: `attempt-000${id}`, script: "post", config: {}, platform: "tiktok", package_name: null, username: null, request_index: 0, deadline_at: Date.now() + 60_000 });
    let server: WebSocket | undefined;
    onHello = (socket) => {
      server = socket;
      welcome(socket);
      socket.send(JSON.stringify(run(1)));
    };
    let finish: () => void = () => undefined;
    const slow: TaskRunner = {
      run: async (_run, _signal, report) => {
        report.ack();
        await new Promise<void>((resolve) => (finish = resolve));
        await report.result({ ok: true, failCode: null, remark: "", posted: true });
      },
    };
    const started = await start(slow);
    await sleep(150);
    const closed = new Promise<void>((resolve) => server?.once("close", () => resolve()));
    const drained = started.drain();
    server?.send(JSON.stringify(run(2)));
    await sleep(150);
    expect(received.filter((m) => m.type === "ack").map((m) => m.type === "ack" && m.task_id)).toEqual([1]);
    finish();
    await drained;
    await closed;
    expect(received.filter((m) => m.type === "result").map((m) => m.type === "result" && m.task_id)).toEqual([1]);
    expect(logged.some((m) => m.includes("run of task 2 not taken: the agent is about to restart for an update"))).toBe(true);
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

  test("a run whose package_name breaks the Android rule ends failed 1004 naming the field and the rule, and nothing reaches the phone", async () => {
    const { runner, shells, driverCalls } = realScripts();
    const hostile = { ...RUN, task_id: 8, attempt_id: "attempt-0008", package_name: "com.x; rm -rf /" };
    const valid = { ...RUN, task_id: 9, attempt_id: "attempt-0009", package_name: "com.zhiliaoapp.musically", config: { material_list: ["clip.mp4"] } };
    onHello = (socket) => {
      welcome(socket);
      socket.send(JSON.stringify(hostile));
      // A valid run after it, through the same scripts: it does reach the phone, so the empty
      // record above means the refused run never got there, not that nothing is recorded.
      setTimeout(() => socket.send(JSON.stringify(valid)), 100);
    };
    await start(runner);
    await waitFor(() => received.some((m) => m.type === "result" && m.task_id === 9));
    const results = received.filter((m) => m.type === "result");
    expect(results.find((m) => m.task_id === 8)).toEqual({
      type: "result",
      task_id: 8,
      attempt_id: "attempt-0008",
      ok: false,
      fail_code: 1004,
      remark: "the agent refused this run, nothing was done on the phone: run.package_name must be an Android package name such as com.zhiliaoapp.musically",
      posted: false,
      post_url: null,
      accounts: [],
    });
    expect(received.some((m) => m.type === "ack" && m.task_id === 8)).toBe(true);
    expect(logged).toContain("refusing the run of task 8: run.package_name must be an Android package name such as com.zhiliaoapp.musically");
    // Only the valid run touched the phone: its package, quoted or not, is a plain word.
    expect(shells).toEqual(["pm path com.zhiliaoapp.musically"]);
    expect(driverCalls.filter((call) => call !== "shell")).toEqual([]);
    expect(results.find((m) => m.task_id === 9)).toMatchObject({ ok: false, fail_code: 1003 });
  });

  test("a run whose config is not an object is refused the same way, naming config", async () => {
    const { runner, driverCalls } = realScripts();
    onHello = (socket) => {
      welcome(socket);
      socket.send(JSON.stringify({ ...RUN, task_id: 10, attempt_id: "attempt-0010", config: "$(reboot)" }));
    };
    await start(runner);
    await waitFor(() => received.some((m) => m.type === "result"));
    expect(received.find((m) => m.type === "result")).toMatchObject({ task_id: 10, ok: false, fail_code: 1004, remark: expect.stringContaining("run.config must be a record, got a string") });
    expect(driverCalls).toEqual([]);
  });

  test("a run whose config holds text that is not well-formed Unicode is refused the same way, naming the field", async () => {
    const { runner, driverCalls } = realScripts();
    onHello = (socket) => {
      welcome(socket);
      // JSON.stringify writes the lone surrogate as the escape \ud800, which JSON allows.
      socket.send(JSON.stringify({ ...RUN, task_id: 12, attempt_id: "attempt-0012", config: { material_list: ["clip.mp4"], captions: "hi \ud800" } }));
    };
    await start(runner);
    await waitFor(() => received.some((m) => m.type === "result"));
    expect(received.find((m) => m.type === "result")).toMatchObject({
      task_id: 12,
      ok: false,
      fail_code: 1004,
      remark: "the agent refused this run, nothing was done on the phone: run.config.captions is not well-formed Unicode: a lone surrogate \\ud800 at character 3",
    });
    expect(driverCalls).toEqual([]);
  });

  test("the refusal waits in the outbox like any result, and goes again after a reconnect", async () => {
    onHello = (socket, connection) => {
      welcome(socket);
      if (connection === 1) {
        socket.send(JSON.stringify({ ...RUN, task_id: 11, attempt_id: "attempt-0011", package_name: "../../etc" }));
        setTimeout(() => socket.terminate(), 100);
      }
    };
    await start();
    await waitFor(() => connections === 2 && received.filter((m) => m.type === "result" && m.task_id === 11).length === 2);
    expect(received.filter((m) => m.type === "result").map((m) => m.type === "result" && m.remark)).toEqual([
      expect.stringContaining("run.package_name must be an Android package name"),
      expect.stringContaining("run.package_name must be an Android package name"),
    ]);
  });
});

/** A run as the object sends it; each test changes what it tests. */
const RUN = { type: "run", task_id: 1, attempt_id: "attempt-0001", script: "post", config: {}, platform: "tiktok", package_name: null, username: null, request_index: 0, deadline_at: Date.now() + 600_000 };

/**
 * The agent's real runner and scripts on a phone that records every call: `pm path` finds
 * nothing (the run then ends 1003), anything else would be recorded too.
 */
function realScripts(): { runner: TaskRunner; shells: string[]; driverCalls: string[] } {
  const shells: string[] = [];
  const driverCalls: string[] = [];
  const driver = new Proxy({} as PhoneDriver, {
    get: (_target, key) => {
      if (key === "serial") return "phone-1";
      return (...args: unknown[]) => {
        driverCalls.push(String(key));
        if (key !== "shell") return Promise.reject(new Error(`${String(key)} is not expected here`));
        shells.push(String(args[0]));
        return Promise.resolve({ stdout: "", stderr: "", exitCode: 1 });
      };
    },
  });
  const scripts = new PhoneScripts({ driver, apps: loadApps(), cacheDir: join(stateDir, "cache"), materialRoots: [join(stateDir, "materials")], folders: new LocalFolders(join(stateDir, "local-folders.json")), library: unusedLibrary(join(stateDir, "library")) });
  return { runner: new ScriptRunner(scripts), shells, driverCalls };
}

async function waitFor(done: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out; received ${JSON.stringify(received)}\nlogged ${logged.join("\n")}`);
    await sleep(20);
  }
}
