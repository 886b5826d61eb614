import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { killGroup, waitForGroupGone } from "../../tools/lib/process-group";
import { REPO_ROOT } from "../../tools/lib/repo";
import { waitForHttp } from "../../tools/lib/wait-for-http";
import { freePort } from "../../tools/testing/free-port";
import { explain, lastLine, runAdmin, TSX_BIN } from "../../tools/testing/run-tool";
import { wranglerGroupsUsing } from "../../tools/testing/stray-wrangler";
import { makeTempDir, removeDir } from "../../tools/testing/temp-dir";

/**
 * A real `npm run dev` (wrangler dev on 127.0.0.1, a free port, a temporary D1) with one
 * workspace, its API key and an agent token made by the admin command, as tools/dev.test.ts
 * does it. For the agent's tests, which must speak to the real Worker.
 */
export interface DevServer {
  baseUrl: string;
  apiKey: string;
  agentToken: string;
  /** wrangler's output so far, for assertion messages. */
  output(): string;
  /**
   * Fetches `/api/v1<path>` with the API key, waiting out a 429 as a well-behaved client does
   * (tests that poll side by side share one key): for answers that are not JSON, or uploads.
   */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** Calls `/api/v1<path>` with the API key; the envelope's `data`, or throws on a non-zero code. */
  api(method: string, path: string, body?: unknown): Promise<Record<string, unknown>>;
  /** Runs `npm run admin -- <args>` on this server's database; its last line of output. */
  admin(...args: string[]): Promise<string>;
  /** Kills wrangler dev (SIGKILL, like a crash) and starts it again on the same port and state. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startDevServer(): Promise<DevServer> {
  const dir = await makeTempDir("agent");
  const port = await freePort();
  // Its own inspector port too: wrangler's default, 9229, is taken by whichever of two dev
  // servers starting at once binds first, and the other's runtime then fails to start.
  const inspectorPort = await freePort();
  const admin = async (...args: string[]) => {
    const run = await runAdmin([...args, "--persist-to", dir]);
    if (run.code !== 0) throw new Error(`admin ${args.join(" ")} failed: ${explain(run)}`);
    return lastLine(run.stdout);
  };
  // The admin migrates the fresh directory first; dev.ts then finds it up to date.
  await admin("create-workspace", "agent-studio");
  let output = "";
  const launch = (): { child: ChildProcess; exited: Promise<number | null> } => {
    const child = spawn(TSX_BIN, [join("tools", "dev.ts"), "--port", String(port), "--inspector-port", String(inspectorPort), "--persist-to", dir], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // a group of its own, so stop() reaches tsx, dev.ts and wrangler
    });
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    return { child, exited: new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code))) };
  };
  let running = launch();
  const baseUrl = `http://127.0.0.1:${port}`;

  /** Ends every process of this server (the group, and any workerd on this state directory). */
  const end = async (signal: NodeJS.Signals) => {
    const { child, exited } = running;
    if (child.exitCode === null && child.signalCode === null) {
      killGroup(child.pid, signal);
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
      killGroup(child.pid, "SIGKILL");
    }
    for (const group of wranglerGroupsUsing(dir)) killGroup(group, "SIGKILL");
  };
  const stop = async () => {
    await end("SIGTERM");
    await removeDir(dir);
  };
  const restart = async () => {
    // SIGKILL: the runtime dies as in a crash; local D1 and the objects' storage survive on disk.
    await end("SIGKILL");
    if (running.child.pid !== undefined) await waitForGroupGone(running.child.pid, 10_000);
    running = launch();
    const ready = await waitForHttp(`${baseUrl}/`, {}, 90_000, running.exited);
    if (ready === null) throw new Error(`wrangler dev did not come back:\n${output.slice(-3000)}`);
  };
  try {
    const [apiKey, agentToken, ready] = await Promise.all([
      admin("create-key", "agent-studio"),
      admin("create-agent-token", "agent-studio"),
      waitForHttp(`${baseUrl}/`, {}, 90_000, running.exited),
    ]);
    if (ready === null) throw new Error(`wrangler dev did not come up:\n${output}`);
    const request = async (path: string, init: RequestInit = {}): Promise<Response> => {
      const headers = new Headers(init.headers);
      headers.set("authorization", `Bearer ${apiKey}`);
      const response = await fetch(`${baseUrl}/api/v1${path}`, { ...init, headers });
      if (response.status !== 429) return response;
      await response.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get("retry-after") ?? 1) * 1000));
      return request(path, init);
    };
    const api = async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
      const response = await request(path, {
        method,
        headers: { "content-type": "application/json" },
        body: body === undefined ? null : JSON.stringify(body),
      });
      const json = (await response.json()) as { code: number; data: Record<string, unknown> };
      if (json.code !== 0) throw new Error(`${method} ${path}: ${JSON.stringify(json)}`);
      return json.data;
    };
    return { baseUrl, apiKey, agentToken, output: () => output, request, api, admin, restart, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
