import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RunMessage } from "../shared/protocol/messages";
import type { Logger } from "./logger";
import { Outbox } from "./outbox";
import { PhoneLink } from "./phone-link";
import { type ExecutionContext, type RunOutcome, type ScriptExecutor, ScriptRunner } from "./runner";
import { type DevServer, startDevServer } from "./testing/dev-server";

/**
 * The agent's link against the real Worker (wrangler dev): tasks made over HTTP reach a
 * test script through the link, and what the script reports is what the API shows.
 */
let server: DevServer | undefined;
let stateRoot = "";
const links: PhoneLink[] = [];
const agentLog: string[] = [];
const log: Logger = {
  info: (m) => agentLog.push(`info ${m}`),
  warn: (m) => agentLog.push(`warn ${m}`),
  error: (m) => agentLog.push(`error ${m}`),
};

/** A script whose behaviour each test sets: it is this file's stand-in for adb. */
class TestScript implements ScriptExecutor {
  runs: RunMessage[] = [];
  constructor(private readonly behaviour: (run: RunMessage, context: ExecutionContext) => Promise<RunOutcome>) {}
  execute(run: RunMessage, context: ExecutionContext): Promise<RunOutcome> {
    this.runs.push(run);
    return this.behaviour(run, context);
  }
}

function dev(): DevServer {
  if (server === undefined) throw new Error("the dev server did not start");
  return server;
}

async function openLink(serial: string, stateDir: string, script: ScriptExecutor): Promise<PhoneLink> {
  const { baseUrl, agentToken } = dev();
  const outbox = await Outbox.open(stateDir, serial, log);
  const link = new PhoneLink({
    server: baseUrl,
    token: agentToken,
    serial,
    agentId: "test-agent",
    model: "Pixel Test",
    outbox,
    runner: new ScriptRunner(script),
    log,
    phoneTakenRetryMs: 500,
  });
  links.push(link);
  link.start();
  await until(() => link.connected, `${serial} is welcomed`);
  return link;
}

const api = (method: string, path: string, body?: unknown) => dev().api(method, path, body);

async function createTask(serial: string): Promise<number> {
  const data = await api("POST", "/task", { serials: [serial], script_name: "post", script_config: { captions: "from the agent test", material_list: ["clip.mp4"] } });
  const [id] = data.task_ids as number[];
  if (id === undefined) throw new Error("no task created");
  return id;
}

async function taskWhenEnded(id: number): Promise<Record<string, unknown>> {
  let task: Record<string, unknown> = {};
  await until(async () => {
    task = await api("GET", `/task/${id}`);
    return task.status === 2 || task.status === 3;
  }, `task ${id} ends`);
  return task;
}

async function until(done: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}\n--- agent\n${agentLog.join("\n")}\n--- server\n${dev().output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  stateRoot = await mkdtemp(join(tmpdir(), "tikmatrix-agent-state-"));
  server = await startDevServer();
});

afterAll(async () => {
  await Promise.all(links.map((link) => link.stop()));
  await server?.stop();
  await rm(stateRoot, { recursive: true, force: true });
});

describe.sequential("a phone's link to the real Worker", () => {
  test("while linked, the phone is online in GET /devices", async () => {
    await openLink("phone-online", join(stateRoot, "online"), new TestScript(() => Promise.reject(new Error("not used"))));
    const data = await api("GET", "/devices");
    expect(data.devices).toEqual(expect.arrayContaining([expect.objectContaining({ serial: "phone-online", online: true, agent: "test-agent", model: "Pixel Test" })]));
  });

  test("a task completes with the script's remark, and its log lines are readable", async () => {
    const script = new TestScript(async (_run, context) => {
      context.progress("opening the app");
      await context.log("info", "app opened");
      await context.log("warn", "caption trimmed");
      return { ok: true, failCode: null, remark: "posted by the test script", posted: true };
    });
    await openLink("phone-ok", join(stateRoot, "ok"), script);
    const id = await createTask("phone-ok");
    expect(await taskWhenEnded(id)).toMatchObject({ status: 2, remark: "posted by the test script", fail_code: null });
    const logs = await api("GET", `/task/${id}/logs`);
    expect(logs.logs).toMatchObject([
      { level: "info", message: "app opened" },
      { level: "warn", message: "caption trimmed" },
    ]);
  });

  test("a script's failure ends the task failed with its code", async () => {
    const script = new TestScript(() => Promise.resolve({ ok: false, failCode: 1003, remark: "TikTok is not installed", posted: false }));
    await openLink("phone-fail", join(stateRoot, "fail"), script);
    const id = await createTask("phone-fail");
    expect(await taskWhenEnded(id)).toMatchObject({ status: 3, fail_code: 1003, remark: "TikTok is not installed" });
  });

  test("a stop over HTTP aborts the script and the task ends failed 1007", async () => {
    let aborted = false;
    const script = new TestScript(
      (_run, context) =>
        new Promise((_resolve, reject) => {
          context.signal.addEventListener("abort", () => {
            aborted = true;
            reject(new Error("aborted"));
          });
        }),
    );
    await openLink("phone-stop", join(stateRoot, "stop"), script);
    const id = await createTask("phone-stop");
    await until(async () => (await api("GET", `/task/${id}`)).status === 1 && script.runs.length === 1, `task ${id} runs`);
    await api("POST", `/task/${id}/stop`);
    expect(await taskWhenEnded(id)).toMatchObject({ status: 3, fail_code: 1007 });
    expect(aborted).toBe(true);
  });

  test("after a crash mid-run, a new link with the same state replays the result once", async () => {
    const stateDir = join(stateRoot, "crash");
    let first: PhoneLink | undefined;
    // The PC dies after the run but before its result reaches the server.
    const dies = new TestScript(() => {
      first?.kill();
      return Promise.resolve({ ok: true, failCode: null, remark: "posted before the crash", posted: true });
    });
    first = await openLink("phone-crash", stateDir, dies);
    const id = await createTask("phone-crash");
    const outbox = await Outbox.open(stateDir, "phone-crash", log);
    await until(async () => (await outbox.pending()).some((e) => e.type === "result" && e.task_id === id), "the result is in the outbox");
    expect((await api("GET", `/task/${id}`)).status).toBe(1);

    const after = new TestScript(() => Promise.reject(new Error("the task must not run again")));
    await openLink("phone-crash", stateDir, after);
    expect(await taskWhenEnded(id)).toMatchObject({ status: 2, remark: "posted before the crash", retry_count: 0 });
    await until(async () => (await outbox.pending()).length === 0, "the acked result leaves the outbox");
    expect(dies.runs).toHaveLength(1);
    expect(after.runs).toHaveLength(0);
  });
});
