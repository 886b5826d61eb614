import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RunMessage } from "../shared/protocol/messages";
import { FakePhone } from "../fake-phone";
import { TestAdbServer } from "../fake-phone/testing";
import { Fleet } from "./fleet";
import type { Logger } from "./logger";
import type { ExecutionContext, RunOutcome, ScriptExecutor } from "./runner";
import { type DevServer, startDevServer } from "./testing/dev-server";

/**
 * The fleet against the real Worker (wrangler dev) and a real adb server: a fake phone
 * connected with `adb connect` gets a link and shows online in GET /devices; after
 * `adb disconnect` its link closes and the object records it offline; and back again.
 */
let server: DevServer | undefined;
let adb: TestAdbServer | undefined;
let phone: FakePhone | undefined;
let fleet: Fleet | undefined;
let stateDir = "";
const agentLog: string[] = [];
const logger = (tag: string): Logger => ({
  info: (m) => agentLog.push(`info [${tag}] ${m}`),
  warn: (m) => agentLog.push(`warn [${tag}] ${m}`),
  error: (m) => agentLog.push(`error [${tag}] ${m}`),
});

/**
 * This file's stand-in for a script: it waits until its signal is aborted and then fails,
 * having called posting() first when `postsFirst` says so.
 */
let postsFirst = false;
class TestScript implements ScriptExecutor {
  runs: RunMessage[] = [];
  aborted = 0;
  async execute(run: RunMessage, context: ExecutionContext): Promise<RunOutcome> {
    this.runs.push(run);
    if (postsFirst) await context.posting();
    return new Promise((_resolve, reject) => {
      context.signal.addEventListener("abort", () => {
        this.aborted++;
        reject(new Error("aborted"));
      });
    });
  }
}
const scripts = new Map<string, TestScript>();

function dev(): DevServer {
  if (server === undefined) throw new Error("the dev server did not start");
  return server;
}

const api = (method: string, path: string, body?: unknown) => dev().api(method, path, body);

async function devices(): Promise<{ serial: string; online: boolean; agent: string | null }[]> {
  return (await api("GET", "/devices")).devices as { serial: string; online: boolean; agent: string | null }[];
}

async function isOnline(serial: string): Promise<boolean | undefined> {
  return (await devices()).find((device) => device.serial === serial)?.online;
}

async function until(done: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}\n--- agent\n${agentLog.join("\n")}\n--- server\n${dev().output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), "tikmatrix-fleet-state-"));
  [server, adb, phone] = await Promise.all([startDevServer(), TestAdbServer.start(), FakePhone.start()]);
  fleet = new Fleet({
    server: server.baseUrl,
    token: server.agentToken,
    agentId: "fleet-test-agent",
    stateDir,
    adbHost: "127.0.0.1",
    adbPort: adb.port,
    executorFor: (serial) => {
      const script = new TestScript();
      scripts.set(serial, script);
      return script;
    },
    logFor: logger,
    log: logger("adb"),
    tracker: { reconcileMs: 500, backoff: { initialMs: 200, maxMs: 1_000, jitter: 0 } },
    linkBackoff: { initialMs: 200, maxMs: 1_000, jitter: 0 },
  });
  fleet.start();
}, 120_000);

afterAll(async () => {
  // The fleet first: once the adb server is gone, adbkit would start it again on reconnect.
  await fleet?.stop();
  await phone?.stop();
  await adb?.kill();
  await server?.stop();
  await rm(stateDir, { recursive: true, force: true });
}, 60_000);

describe.sequential("the fleet links the phones adb can drive", () => {
  test("adb connect: the phone gets a link and is online in GET /devices", async () => {
    const serial = phone!.serial;
    expect((await adb!.run(["connect", serial])).stdout).toContain("connected to");
    await until(async () => (await isOnline(serial)) === true, `${serial} is online`);
    expect(fleet!.serials).toEqual([serial]);
    expect(fleet!.link(serial)?.connected).toBe(true);
    expect((await devices()).find((d) => d.serial === serial)).toMatchObject({ agent: "fleet-test-agent" });
  });

  test("adb disconnect: the link closes and the phone is offline", async () => {
    const serial = phone!.serial;
    expect((await adb!.run(["disconnect", serial])).exitCode).toBe(0);
    await until(() => fleet!.serials.length === 0, "the link is closed");
    await until(async () => (await isOnline(serial)) === false, `${serial} is offline`);
  });

  test("adb connect again: online again, with a new link", async () => {
    const serial = phone!.serial;
    expect((await adb!.run(["connect", serial])).stdout).toContain("connected to");
    await until(async () => (await isOnline(serial)) === true, `${serial} is online again`);
    expect(fleet!.link(serial)?.connected).toBe(true);
    expect(scripts.get(serial)?.runs ?? []).toHaveLength(0);
  });

  test("offline mid-run: the script is aborted and the task ends failed 1001 at once, posted as the run said", async () => {
    const serial = phone!.serial;
    postsFirst = true;
    const data = await api("POST", "/task", { serials: [serial], script_name: "post", script_config: { captions: "from the fleet test", material_list: ["clip.mp4"] } });
    const [id] = data.task_ids as number[];
    const script = scripts.get(serial)!;
    await until(async () => (await api("GET", `/task/${id}`)).status === 1 && script.runs.length === 1, `task ${id} runs`);
    expect((await adb!.run(["disconnect", serial])).exitCode).toBe(0);
    // Not plugged back in: the result goes out before the phone's link closes.
    let task: Record<string, unknown> = {};
    await until(async () => {
      task = await api("GET", `/task/${id}`);
      return task.status === 2 || task.status === 3;
    }, `task ${id} ends`);
    expect(task).toMatchObject({ status: 3, fail_code: 1001, remark: "the phone went offline", retry_count: 0 });
    expect(script.aborted).toBe(1);
    await until(async () => (await isOnline(serial)) === false, `${serial} is offline`);

    expect((await adb!.run(["connect", serial])).stdout).toContain("connected to");
    await until(async () => (await isOnline(serial)) === true, `${serial} is online again`);
    expect(scripts.get(serial)?.runs ?? []).toHaveLength(0);
  });
});
