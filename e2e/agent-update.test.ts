import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import type { Logger } from "../agent/logger";
import { Updater } from "../agent/update/updater";
import { AGENT_VERSION } from "../agent/version";
import { runCaptured } from "../tools/lib/run-captured";
import { copyInstall, packageRoot } from "./agent-build";

/**
 * The agent's update from its Worker, on a real installed package: a newer build (the packed
 * agent with its version raised) is described by latest.json and served (by a stand-in for the
 * Worker's static assets, on 127.0.0.1); the updater checks size and hash, drains, swaps the
 * installed folder and asks for the restart. The state directory, where the outbox lives, is
 * outside the package and untouched. The packed agent and its newer build are the project's
 * (e2e/agent-build.ts); the package updated is this file's copy of the installed one.
 */
const build = inject("agentBuild");
const NEWER = build.newer.version;
let dir: string;
let installed: string;
let newer: Buffer;
let server: Server;
let base: string;
let served: { latest: Record<string, unknown>; tarball: Buffer } | undefined;
const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tikmatrix-agent-update-"));
  installed = packageRoot(await copyInstall(build, join(dir, "install")));
  newer = await readFile(build.newer.tarball);
  server = createServer((request, response) => {
    if (served !== undefined && request.url === "/agent/latest.json") return response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(served.latest));
    if (served !== undefined && request.url === `/agent/${String(served.latest.file)}`) return response.writeHead(200, { "content-type": "application/gzip" }).end(served.tarball);
    response.writeHead(404, { "content-type": "text/html" }).end("<h1>no such page</h1>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`;
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

function serve(tarball: Buffer, lie: Partial<{ sha256: string; size: number; version: string }> = {}) {
  served = {
    tarball,
    latest: { name: "tikmatrix-agent", version: NEWER, file: `tikmatrix-agent-${NEWER}.tgz`, sha256: createHash("sha256").update(tarball).digest("hex"), size: tarball.length, ...lie },
  };
}

function updater() {
  const calls: string[] = [];
  const made = new Updater({ server: base, currentVersion: AGENT_VERSION, packageRoot: installed, log: quiet, drain: async () => void calls.push("drain"), restart: () => void calls.push("restart") });
  return { made, calls };
}

const installedVersion = async () => (await runCaptured(process.execPath, [join(installed, "lib", "tikmatrix-agent.js"), "--version"], { cwd: dir, env: process.env, timeoutMs: 30_000 })).stdout.trim();

describe("the agent's update from its Worker", () => {
  test("nothing published, or nothing newer: the agent stays as it is", async () => {
    served = undefined;
    expect(await updater().made.checkOnce()).toBe("none published");
    serve(newer, { version: AGENT_VERSION });
    const { made, calls } = updater();
    expect(await made.checkOnce()).toBe("current");
    expect(calls).toEqual([]);
  });

  test("a build whose bytes are not the ones latest.json describes is not installed, and nothing is drained", async () => {
    serve(newer, { sha256: "0".repeat(64) });
    const { made, calls } = updater();
    expect(await made.checkOnce()).toBe("refused");
    expect(calls).toEqual([]);
    expect(await installedVersion()).toBe(AGENT_VERSION);
  });

  test("a newer build is checked, the phones drained, the package swapped, and the restart asked for; the new version then runs", async () => {
    serve(newer);
    const { made, calls } = updater();
    expect(await made.checkOnce()).toBe("updated");
    expect(calls).toEqual(["drain", "restart"]);
    expect(await installedVersion()).toBe(NEWER);
    expect(JSON.parse(await readFile(join(installed, "package.json"), "utf8"))).toMatchObject({ version: NEWER });
  }, 60_000);
});
