import { type ChildProcess, spawn } from "node:child_process";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { killGroup } from "./lib/process-group";
import { REPO_ROOT } from "./lib/repo";
import { waitForHttp } from "./lib/wait-for-http";
import { isListening } from "./lib/port";
import { freePort } from "./testing/free-port";
import { wranglerGroupsUsing } from "./testing/stray-wrangler";
import { explain, lastLine, runAdmin, TSX_BIN } from "./testing/run-tool";
import { makeTempDir, removeDir } from "./testing/temp-dir";

/**
 * End to end: `tools/dev.ts` serves the Worker on a temporary local D1, and what the
 * admin command writes to that D1 is what the running server enforces.
 */
let dir = "";
let port = 0;
let dev: ChildProcess | undefined;
let devExit: Promise<number | null> = Promise.resolve(null);
let devOutput = "";
let key = "";

async function licenseCheck(token: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/license/check`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: await response.json() };
}

async function admin(...args: string[]) {
  const run = await runAdmin([...args, "--persist-to", dir]);
  expect(run.code, explain(run)).toBe(0);
  return run;
}

beforeAll(async () => {
  dir = await makeTempDir("dev");
  port = await freePort();
  // The admin migrates the fresh directory first; dev.ts then finds it up to date.
  await admin("create-workspace", "studio");
  // A group of its own, so afterAll can stop tsx, dev.ts and what they started.
  const child = spawn(TSX_BIN, [join("tools", "dev.ts"), "--port", String(port), "--persist-to", dir], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  dev = child;
  devExit = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  child.stdout.on("data", (chunk: Buffer) => (devOutput += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (devOutput += chunk.toString()));

  const [issued, ready] = await Promise.all([
    admin("create-key", "studio"),
    waitForHttp(`http://127.0.0.1:${port}/`, {}, 90_000, devExit),
  ]);
  key = lastLine(issued.stdout);
  expect(ready, devOutput).not.toBeNull();
});

afterAll(async () => {
  // Safety net for a failed run; the last test stops the server the way a user would.
  if (dev?.exitCode === null) {
    killGroup(dev.pid, "SIGTERM");
    await Promise.race([devExit, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    killGroup(dev.pid, "SIGKILL");
  }
  for (const group of wranglerGroupsUsing(dir)) killGroup(group, "SIGKILL");
  await removeDir(dir);
});

describe.sequential("npm run dev with keys from npm run admin", () => {
  test("a new API key authenticates: license/check answers the Pro plan", async () => {
    const answer = await licenseCheck(key);
    expect(answer.status, devOutput).toBe(200);
    expect(answer.body).toMatchObject({ code: 0, data: { plan_name: "Pro", api_enabled: true } });
  });

  test("the local Worker has a DEV-ONLY TASK_SECRETS_KEY of its state's own: a ChatGPT warm-up's key is taken and sealed", async () => {
    const secrets = await readFile(join(dir, "dev-secrets.env"), "utf8");
    expect(secrets).toMatch(/^TASK_SECRETS_KEY=[A-Za-z0-9+/]{43}=$/m);
    expect((await stat(join(dir, "dev-secrets.env"))).mode & 0o077).toBe(0);
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/task`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ serials: ["p1"], script_name: "account_warmup", script_config: { comment_probable: 10, generate_by_chatgpt: true, chatgpt_settings: { api_key: "sk-dev" } } }),
    });
    expect(await response.json()).toMatchObject({ code: 0 });
  });

  test("set-plan starter takes effect at once: 40301", async () => {
    await admin("set-plan", "studio", "starter");
    const answer = await licenseCheck(key);
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ code: 40301, data: { plan_name: "Starter" } });
  });

  test("revoke takes effect at once: 40101", async () => {
    await admin("revoke", key);
    const answer = await licenseCheck(key);
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: 40101 });
  });

  test("SIGTERM to the process group stops wrangler and workerd, and the port closes", async () => {
    expect(dev?.exitCode, devOutput).toBeNull();
    killGroup(dev?.pid, "SIGTERM");
    const code = await Promise.race([devExit, new Promise((resolve) => setTimeout(() => resolve("timeout"), 20_000))]);
    expect(code, devOutput).not.toBe("timeout");
    expect(await isListening(port)).toBe(false);
    // wrangler runs in a process group of its own (dev.ts made it); none of it may remain.
    expect(wranglerGroupsUsing(dir)).toEqual([]);
  });
});
