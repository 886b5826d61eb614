import { stat } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { isListening } from "./lib/port";
import { killGroup } from "./lib/process-group";
import { freePort } from "./testing/free-port";
import { freePortRange } from "./testing/free-port-range";
import { groupsNaming, type StartProcess, spawnStart } from "./testing/start-process";
import { makeTempDir, removeDir } from "./testing/temp-dir";

/**
 * End to end, as the README tells a newcomer: `npm start -- --simulate 2` brings up the
 * Worker, the agent and two simulated phones behind a private adb server; the curl the
 * banner prints posts a video that completes with logs and a screenshot; Ctrl-C leaves
 * nothing behind.
 */
let dir = "";
let port = 0;
let firstPhonePort = 0;
let start: StartProcess | undefined;
let startedAt = 0;

function running(): StartProcess {
  if (start === undefined) throw new Error("npm start did not start");
  return start;
}

beforeAll(async () => {
  dir = await makeTempDir("start-simulate");
  port = await freePort();
  // Not 7701: a developer's own `npm start -- --simulate` may be running.
  firstPhonePort = await freePortRange(2);
  startedAt = Date.now();
  // The inspector port too: wrangler's default 9229 may be held by another wrangler dev here.
  const wrangler = ["--port", String(port), "--inspector-port", String(await freePort()), "--persist-to", dir];
  start = spawnStart(["--simulate", "2", "--simulate-port", String(firstPhonePort), ...wrangler]);
  await running().waitFor(/screenshot -o shot\.png/, 100_000);
  console.info(`npm start --simulate 2 was ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
}, 120_000);

afterAll(async () => {
  await start?.kill(dir);
  await removeDir(dir);
});

interface Envelope {
  code: number;
  data: Record<string, unknown>;
}

describe.sequential("npm start -- --simulate 2", () => {
  test("the banner names both phones, by their fixed ports, and the dev agent token is saved owner-only", async () => {
    const output = running().output();
    expect(output).toContain(`127.0.0.1:${firstPhonePort}  127.0.0.1:${firstPhonePort + 1}`);
    expect(output).not.toContain("not linked yet");
    expect((await stat(join(dir, "dev-agent-token"))).mode & 0o777).toBe(0o600);
    // In the agent's default material folder, the only one it posts local files from here.
    expect((await stat(join(dir, "agent", "materials", "sample.mp4"))).size).toBeGreaterThan(0);
  });

  test("it prints the dashboard's address and a one-time sign-in link that opens it", async () => {
    const output = running().output();
    expect(output).toContain(`The dashboard: http://127.0.0.1:${port}/`);
    const link = /^\s+(http:\S+\/login\/link\/tml_\S+)$/m.exec(output)?.[1];
    expect(link, output).toBeDefined();
    const ask = await fetch(link ?? "");
    expect(ask.status).toBe(200);
    const used = await fetch(`http://127.0.0.1:${port}/login/link`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: `http://127.0.0.1:${port}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: /tml_\S+$/.exec(link ?? "")?.[0] ?? "" }),
    });
    expect(used.status).toBe(303);
    expect(used.headers.get("set-cookie")).toContain("__Host-tm_session=");
  });

  test("the printed curl creates a post task that completes on the first phone, with logs and a screenshot", async () => {
    const output = running().output();
    const url = /curl -X POST (\S+)/.exec(output)?.[1];
    const key = /Authorization: Bearer (\S+)" \\/.exec(output)?.[1];
    const body = /-d '(.*)'$/m.exec(output)?.[1];
    expect({ url, key, body }, output).toMatchObject({ url: `http://127.0.0.1:${port}/api/v1/task`, key: expect.any(String), body: expect.any(String) });
    const auth = { authorization: `Bearer ${key ?? ""}` };

    const createdAt = Date.now();
    const created = (await (await fetch(url ?? "", { method: "POST", headers: { ...auth, "content-type": "application/json" }, body })).json()) as Envelope;
    expect(created, JSON.stringify(created)).toMatchObject({ code: 0, data: { task_ids: [1] } });
    const readTask = async () => (await (await fetch(`http://127.0.0.1:${port}/api/v1/task/1`, { headers: auth })).json()) as Envelope;
    let task = await readTask();
    while ((task.data.status === 0 || task.data.status === 1) && Date.now() - createdAt < 30_000) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      task = await readTask();
    }
    console.info(`the task ended in ${((Date.now() - createdAt) / 1000).toFixed(1)} s`);
    expect(task.data, running().output().slice(-4000)).toMatchObject({ status: 2, serial: `127.0.0.1:${firstPhonePort}`, fail_code: null });

    // The phone shows what it posted, with the Chinese caption typed through ADBKeyBoard.
    await running().waitFor(new RegExp(`\\[phone 127\\.0\\.0\\.1:${firstPhonePort}\\] TikTok: post feed video as fake_creator: "看看我的新视频!#热门 #推荐"`), 5_000);

    const logs = (await (await fetch(`http://127.0.0.1:${port}/api/v1/task/1/logs`, { headers: auth })).json()) as Envelope;
    const messages = (logs.data.logs as Array<{ message: string }>).map((line) => line.message).join("\n");
    expect(messages).toMatch(/pushed \/sdcard\/DCIM\/Camera\//);
    expect(messages).toMatch(/upload finished/);
    const shot = await fetch(`http://127.0.0.1:${port}/api/v1/task/1/screenshot`, { headers: auth });
    expect(shot.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await shot.arrayBuffer()).subarray(1, 4).toString()).toBe("PNG");
  });

  test("Ctrl-C stops everything: the agent, the phones, the private adb server and wrangler", async () => {
    const adbPort = Number(/private adb server on 127\.0\.0\.1:(\d+)/.exec(running().output())?.[1]);
    expect(await isListening(adbPort)).toBe(true);
    const stoppedAt = Date.now();
    killGroup(running().pid, "SIGINT"); // what the terminal does on Ctrl-C
    const exit = await Promise.race([running().exited, new Promise((resolve) => setTimeout(() => resolve("timeout"), 30_000))]);
    console.info(`npm start stopped in ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s`);
    expect(exit, running().output().slice(-3000)).toBe(0);
    expect(killGroup(running().pid, 0)).toBe(false);
    // wrangler and the agent lead groups of their own; their command lines name the directory.
    expect(groupsNaming(dir)).toEqual([]);
    expect(await isListening(adbPort)).toBe(false);
    expect(groupsNaming(`tcp:${adbPort}`)).toEqual([]);
    expect(await isListening(firstPhonePort)).toBe(false);
    expect(await isListening(firstPhonePort + 1)).toBe(false);
    expect(await isListening(port)).toBe(false);
  });
});
