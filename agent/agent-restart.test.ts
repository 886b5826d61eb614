import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type AgentProcess, startAgentProcess } from "../tools/lib/agent-process";
import { type DevServer, startDevServer } from "./testing/dev-server";
import { FakePhone, TestAdbServer, TikTokApp } from "./testing/fake-phone";
import { startTcpProxy, type TcpProxy } from "./testing/tcp-proxy";

/**
 * The agent program loses the network while it finishes a post, so its result stays in the
 * outbox unacknowledged; then it is killed (SIGKILL: nothing flushed) and started again. The
 * new process replays the result: the task completes once, and the phone posted once.
 */
let server: DevServer | undefined;
let adb: TestAdbServer | undefined;
let phone: FakePhone | undefined;
let proxy: TcpProxy | undefined;
const agents: AgentProcess[] = [];
let dir = "";
const tiktok = new TikTokApp({ uploadMs: 2_000 });

function dev(): DevServer {
  if (server === undefined) throw new Error("the dev server did not start");
  return server;
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const output = agents.map((agent, i) => `--- agent ${i + 1}\n${agent.output().slice(-3000)}`).join("\n");
      throw new Error(`timed out waiting until ${what}\n${output}\n--- server\n${dev().output().slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function startAgent(): AgentProcess {
  const agent = startAgentProcess({ server: `http://127.0.0.1:${proxy!.port}`, token: dev().agentToken, adbPort: adb!.port, stateDir: join(dir, "state"), agentId: "restart-agent" });
  agents.push(agent);
  return agent;
}

async function outboxFiles(): Promise<string[]> {
  const root = join(dir, "state", "outbox");
  const phones = await readdir(root).catch(() => []);
  const files = await Promise.all(phones.map((name) => readdir(join(root, name)).catch(() => [])));
  return files.flat();
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tikmatrix-agent-restart-"));
  [server, adb, phone] = await Promise.all([startDevServer(), TestAdbServer.start(), FakePhone.start({ apps: [tiktok], scanDelayMs: 100 })]);
  proxy = await startTcpProxy(Number(new URL(server.baseUrl).port));
  expect((await adb.run(["connect", phone.serial])).stdout).toContain("connected to");
}, 120_000);

afterAll(async () => {
  for (const agent of agents) await agent.stop();
  await proxy?.close();
  await phone?.stop();
  await adb?.kill();
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
}, 60_000);

test("a result written while the network is down survives a crash and is stored once after the restart", async () => {
  const first = startAgent();
  const serial = phone!.serial;
  await until(async () => {
    const { devices } = (await dev().api("GET", "/devices")) as { devices: Array<Record<string, unknown>> };
    return devices.find((d) => d.serial === serial && d.online === true);
  }, "the phone is online");

  const video = randomBytes(128 * 1024);
  const videoPath = join(dir, "restart.mp4");
  await writeFile(videoPath, video);
  const created = await dev().api("POST", "/task", { serials: [serial], script_name: "post", script_config: { material_list: [videoPath], captions: "once" } });
  const [id] = created.task_ids as number[];

  // Post tapped: the upload indicator shows for 2 s. Cut the network now, so the result the
  // agent writes when the upload is done cannot reach the server.
  await until(async () => (tiktok.posts.length === 1 ? true : undefined), "the phone posts");
  proxy!.cut();
  await until(async () => ((await outboxFiles()).some((name) => name.endsWith(".result.json")) ? true : undefined), "the result is in the outbox", 20_000);
  await first.kill();
  proxy!.restore();
  expect((await dev().api("GET", `/task/${id}`)).status).toBe(1);

  startAgent();
  const task = await until(async () => {
    const found = await dev().api("GET", `/task/${id}`);
    return found.status === 2 || found.status === 3 ? found : undefined;
  }, `task ${id} ends`, 60_000);
  expect(task).toMatchObject({ status: 2, fail_code: null, retry_count: 0 });
  expect(tiktok.posts).toHaveLength(1);
  expect(tiktok.posts[0]?.media[0]?.data.equals(video)).toBe(true);
  // Acked: the outbox lets go of the result and its log lines.
  await until(async () => ((await outboxFiles()).length === 0 ? true : undefined), "the outbox is empty");
  const { logs } = (await dev().api("GET", `/task/${id}/logs`)) as { logs: Array<{ message: string }> };
  const messages = logs.map((line) => line.message);
  expect(messages.filter((message) => message.startsWith("pushed "))).toHaveLength(1);
  expect(messages).toContain("upload finished");
}, 150_000);
