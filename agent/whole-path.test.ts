import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type AgentProcess, startAgentProcess } from "../tools/lib/agent-process";
import { type DevServer, startDevServer } from "./testing/dev-server";
import { FakePhone, TestAdbServer, TikTokApp } from "./testing/fake-phone";

/**
 * The whole path in one process tree, as a studio runs it: the Worker under wrangler dev,
 * the agent program (`agent/main.ts`, a child process), the real adb server and a fake phone
 * with TikTok. A task created over HTTP is posted on the phone, completes, and its logs and
 * screenshot are readable over HTTP.
 */
let server: DevServer | undefined;
let adb: TestAdbServer | undefined;
let phone: FakePhone | undefined;
let agent: AgentProcess | undefined;
let dir = "";
const tiktok = new TikTokApp({ uploadMs: 500 });

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
      throw new Error(`timed out waiting until ${what}\n--- agent\n${agent?.output().slice(-4000)}\n--- server\n${dev().output().slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tikmatrix-whole-path-"));
  [server, adb, phone] = await Promise.all([startDevServer(), TestAdbServer.start(), FakePhone.start({ apps: [tiktok], scanDelayMs: 100 })]);
  expect((await adb.run(["connect", phone.serial])).stdout).toContain("connected to");
  agent = startAgentProcess({ server: server.baseUrl, token: server.agentToken, adbPort: adb.port, stateDir: join(dir, "state"), agentId: "whole-path-agent" });
}, 120_000);

afterAll(async () => {
  // The agent first: with the adb server gone, adbkit would try to start it again.
  await agent?.stop();
  await phone?.stop();
  await adb?.kill();
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
}, 60_000);

test("a post task created over HTTP runs on the phone through the agent and completes, with logs and a screenshot", async () => {
  const serial = phone!.serial;
  const device = await until(async () => {
    const { devices } = (await dev().api("GET", "/devices")) as { devices: Array<Record<string, unknown>> };
    return devices.find((d) => d.serial === serial && d.online === true);
  }, `${serial} is online`);
  expect(device).toMatchObject({ model: "Fake_Phone_13", agent: "whole-path-agent" });

  const video = randomBytes(512 * 1024);
  const videoPath = join(dir, "studio clip.mp4");
  await writeFile(videoPath, video);
  const created = await dev().api("POST", "/task", {
    serials: [serial],
    script_name: "post",
    script_config: { material_list: [videoPath], captions: "Launch day##{Big|Big} news###see you there" },
  });
  const [id] = created.task_ids as number[];
  const task = await until(async () => {
    const found = await dev().api("GET", `/task/${id}`);
    return found.status === 2 || found.status === 3 ? found : undefined;
  }, `task ${id} ends`, 60_000);
  expect(task, agent!.output().slice(-4000)).toMatchObject({ status: 2, fail_code: null });

  expect(tiktok.posts).toHaveLength(1);
  expect(tiktok.posts[0]).toMatchObject({ title: "Launch day", caption: "Big news\nsee you there" });
  expect(tiktok.posts[0]?.media[0]?.data.equals(video)).toBe(true);

  const { logs } = (await dev().api("GET", `/task/${id}/logs`)) as { logs: Array<{ message: string }> };
  const text = logs.map((line) => line.message).join("\n");
  expect(text).toMatch(/pushed \/sdcard\/DCIM\/Camera\/tikmatrix-/);
  expect(text).toMatch(/upload finished/);
  const screenshot = await fetch(`${dev().baseUrl}/api/v1/task/${id}/screenshot`, { headers: { authorization: `Bearer ${dev().apiKey}` } });
  expect(screenshot.status).toBe(200);
  expect(screenshot.headers.get("content-type")).toBe("image/png");
  expect(Buffer.from(await screenshot.arrayBuffer()).subarray(1, 4).toString()).toBe("PNG");
}, 120_000);

async function deviceWhere(online: boolean): Promise<Record<string, unknown> | undefined> {
  const { devices } = (await dev().api("GET", "/devices")) as { devices: Array<Record<string, unknown>> };
  return devices.find((d) => d.serial === phone!.serial && d.online === online);
}

test("the adb server restarts: the phone goes offline, comes back, and the next task runs", async () => {
  await adb!.kill();
  await until(() => deviceWhere(false), "the phone is offline");
  expect((await adb!.run(["start-server"], 20_000)).exitCode).toBe(0);
  expect((await adb!.run(["connect", phone!.serial])).stdout).toContain("connected to");
  await until(() => deviceWhere(true), "the phone is online again");
  const video = randomBytes(64 * 1024);
  const videoPath = join(dir, "after-restart.mp4");
  await writeFile(videoPath, video);
  const created = await dev().api("POST", "/task", { serials: [phone!.serial], script_name: "post", script_config: { material_list: [videoPath], captions: "again" } });
  const [id] = created.task_ids as number[];
  const task = await until(async () => {
    const found = await dev().api("GET", `/task/${id}`);
    return found.status === 2 || found.status === 3 ? found : undefined;
  }, `task ${id} ends`, 60_000);
  expect(task, agent!.output().slice(-4000)).toMatchObject({ status: 2 });
  expect(tiktok.posts.at(-1)?.media[0]?.data.equals(video)).toBe(true);
}, 120_000);

test("SIGTERM: the agent closes its links and exits, and the phone goes offline", async () => {
  expect(await agent!.stop()).toBe(0);
  const serial = phone!.serial;
  await until(() => deviceWhere(false), `${serial} is offline`);
}, 60_000);
