import { mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { writeFileAtomic } from "../atomic-file";
import { loadLocalConfig } from "../config";
import { ConfigError } from "../config-error";

interface Started {
  code: string;
  poll_token: string;
  expires_at: string;
  poll_interval_ms: number;
}

type Poll = { status: "waiting" } | { status: "approved"; token: string; workspace: string };

/**
 * `tikmatrix-agent pair`: asks the Worker for a pairing code, shows it, and waits until a
 * person approves it (the dashboard's Settings, or `npm run admin -- approve-agent`); the
 * agent token it then receives goes into the config file with the server's address, so `run`
 * and `install-service` need nothing more (docs/agent-pairing.md). Nobody copies the token.
 */
export async function pairCommand(args: readonly string[]): Promise<number> {
  const config = await loadLocalConfig(args, process.env);
  if (config.server === undefined) throw new ConfigError("pair needs the server: give --server https://… (your Worker's address) or TIKMATRIX_SERVER");
  const server = config.server;
  const started = await call<Started>(server, "/api/v1/agent/pair", { name: hostname().slice(0, 64) || "a studio PC" });
  const until = new Date(started.expires_at);
  process.stdout.write(
    [
      `Pairing code: ${started.code}`,
      "",
      `Approve it before ${until.toLocaleTimeString()}, in the dashboard (Settings, "Connect an agent")`,
      `or where the admin tool runs: npm run admin -- approve-agent ${started.code} <workspace>`,
      "Waiting…",
      "",
    ].join("\n"),
  );
  for (;;) {
    await sleep(started.poll_interval_ms);
    const answer = await call<Poll>(server, "/api/v1/agent/pair/poll", { poll_token: started.poll_token });
    if (answer.status === "waiting") continue;
    await saveToken(config.configPath, server, answer.token);
    process.stdout.write(`Paired with workspace ${answer.workspace}. The agent token is in ${config.configPath}.\nStart the agent: tikmatrix-agent run (or tikmatrix-agent install-service to start it with Windows).\n`);
    return 0;
  }
}

/** The config file with `server` and `token` set, everything else in it kept; written whole or not at all, readable by this user only. */
async function saveToken(path: string, server: string, token: string): Promise<void> {
  let settings: Record<string, unknown> = {};
  try {
    settings = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof Error && "code" in error && error.code === "ENOENT")) throw new ConfigError(`cannot update the config file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof settings.token === "string" && settings.token !== token) process.stdout.write(`The config file's previous agent token is replaced; revoke it if nothing else uses it (npm run admin -- revoke ${settings.token.slice(0, 16)}).\n`);
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, `${JSON.stringify({ ...settings, server, token }, null, 2)}\n`);
}

async function call<T>(server: string, path: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${server}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    throw new ConfigError(`the server ${server} could not be reached: ${error instanceof Error ? error.message : String(error)}`);
  }
  const envelope = (await response.json().catch(() => null)) as { code: number; message: string; data: T } | null;
  if (envelope === null) throw new ConfigError(`${server}${path} answered HTTP ${response.status}, not the API: is --server your Worker's address?`);
  if (envelope.code !== 0) throw new ConfigError(envelope.message);
  return envelope.data;
}
