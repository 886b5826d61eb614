import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { AGENT_VERSION } from "../agent/version";
import { TikTokApp } from "../fake-phone";
import { REPO_ROOT } from "../tools/lib/repo";
import { type CapturedRun, runCaptured } from "../tools/lib/run-captured";
import { explain } from "../tools/testing/run-tool";
import { binOf, packageRoot } from "./agent-build";
import { Studio } from "./system";

/**
 * The agent as a studio PC gets it: `npm run pack:agent` makes the tarball, npm installs it
 * into an empty folder with no registry (--offline: the dependencies travel inside it), and
 * plain `node` runs its command against wrangler dev and a fake phone behind the real adb server.
 * The build is the one the project's global setup made (e2e/agent-build.ts), which this file
 * only runs, never updates.
 */
const { tarball, installDir } = inject("agentBuild");
const bin = binOf(installDir);
let dir: string;
let studio: Studio | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tikmatrix-agent-package-"));
});

afterAll(async () => {
  await studio?.stop();
  await rm(dir, { recursive: true, force: true });
}, 60_000);

function agent(...args: string[]): Promise<CapturedRun> {
  return runCaptured(process.execPath, [bin, ...args], { cwd: dir, env: { ...process.env, TIKMATRIX_SERVER: "", TIKMATRIX_TOKEN: "" }, timeoutMs: 60_000 });
}

describe("the tikmatrix-agent package", () => {
  test("pack:agent prints the tarball's absolute path last; the package is named, versioned and declared as a command", async () => {
    expect(isAbsolute(tarball)).toBe(true);
    expect(tarball.endsWith(`tikmatrix-agent-${AGENT_VERSION}.tgz`)).toBe(true);
    const manifest = JSON.parse(await readFile(join(packageRoot(installDir), "package.json"), "utf8")) as Record<string, unknown>;
    expect(manifest).toMatchObject({ name: "tikmatrix-agent", version: AGENT_VERSION, bin: { "tikmatrix-agent": "lib/tikmatrix-agent.js" }, engines: { node: ">=20.12" } });
    expect(manifest.bundleDependencies).toEqual(["@devicefarmer/adbkit", "ws", "zod"]);
    const root = JSON.parse(await readFile(join(REPO_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(root.scripts["pack:agent"]).toBe("tsx tools/pack/main.ts");
  });

  test("--version prints the version, --help the commands and options, a wrong command exits 2", async () => {
    const version = await agent("--version");
    expect(version.code, explain(version)).toBe(0);
    expect(version.stdout).toBe(`${AGENT_VERSION}\n`);
    const help = await agent("--help");
    expect(help.code, explain(help)).toBe(0);
    for (const text of ["Usage: tikmatrix-agent [command] [options]", "  run ", "  pair ", "  install-service ", "  status ", "  doctor ", "--server URL", "--material-root DIR", "PowerShell"]) expect(help.stdout).toContain(text);
    const wrong = await agent("strat");
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('unknown command "strat"');
  });

  test("`tikmatrix-agent run` links a phone, which comes online and completes a post; status shows it linked, doctor finds nothing wrong", async () => {
    const app = new TikTokApp({ uploadMs: 300 });
    studio = await Studio.start([app], { agentProgram: [bin, "run"] });
    const serial = studio.phones[0]!.serial;
    const video = await studio.material("packaged.mp4");
    const [id] = await studio.post([serial], { material_list: [video.path] });
    expect(await studio.ended(id!), studio.diagnostics()).toMatchObject({ status: 2 });
    expect(app.posts.at(-1)?.media[0]?.data.equals(video.data)).toBe(true);
    // Its lines go to the rotating file in the state dir as well as to stderr.
    expect(await readFile(join(studio.agentStateDir, "logs", "agent.log"), "utf8")).toContain(`[${serial}] online over adb: linking`);

    // status beside doctor, at no extra wait; the agent id is the one Studio runs the agent with.
    const settings = ["--server", studio.server.baseUrl, "--adb-port", String(studio.adb.port), "--state-dir", studio.agentStateDir];
    const local = (token: string, ...args: string[]) => runCaptured(process.execPath, [bin, ...args, ...settings], { cwd: dir, env: { ...process.env, TIKMATRIX_TOKEN: token }, timeoutMs: 60_000 });
    const wrongToken = `${studio.server.agentToken.slice(0, -4)}AAAA`;
    const [doctor, status, refused, refusedStatus] = await Promise.all([
      local(studio.server.agentToken, "doctor"),
      local(studio.server.agentToken, "status", "--agent-id", "e2e-studio-pc"),
      local(wrongToken, "doctor"),
      local(wrongToken, "status", "--agent-id", "e2e-studio-pc"),
    ]);
    expect(status.code, explain(status)).toBe(0);
    expect(status.stdout).toMatch(/^SERIAL +STATE +LINK +TASK +MODEL +ANDROID$/m);
    expect(status.stdout).toMatch(new RegExp(`^${serial.replace(/\./g, "\\.")} +device +online +- +\\S+ +\\S+$`, "m"));
    expect(doctor.code, explain(doctor)).toBe(0);
    expect(doctor.stdout).toContain(`  OK       ${studio.server.baseUrl} answers and accepts the agent token`);
    expect(doctor.stdout).toContain("All checks passed.");
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`PROBLEM  ${studio.server.baseUrl} refused the agent token`);
    // status only informs: the adb table still, the reason the link columns are missing, exit 0.
    expect(refusedStatus.code, explain(refusedStatus)).toBe(0);
    expect(refusedStatus.stdout).toMatch(new RegExp(`^${serial.replace(/\./g, "\\.")} +device +\\S+ +\\S+$`, "m"));
    expect(refusedStatus.stdout).toContain(`LINK and TASK not shown: ${studio.server.baseUrl} refused the agent token`);
  }, 150_000);

  test("`tikmatrix-agent pair` shows a code; approved with the admin tool, the token lands in the config file and opens the Worker", async () => {
    if (studio === undefined) throw new Error("the run test starts the studio");
    const server = studio.server;
    const pairedDir = join(dir, "paired-pc");
    const child = spawn(process.execPath, [bin, "pair", "--server", server.baseUrl, "--state-dir", pairedDir], { cwd: dir, env: { ...process.env, TIKMATRIX_SERVER: "", TIKMATRIX_TOKEN: "" } });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    try {
      const code = await studio.until(async () => /Pairing code: ([0-9A-Z]{4}-[0-9A-Z]{4})/.exec(output)?.[1], "the agent shows its pairing code", 30_000);
      await server.admin("approve-agent", code, "agent-studio");
      expect(await exited, output).toBe(0);
      expect(output).toContain("Paired with workspace agent-studio.");
      const saved = JSON.parse(await readFile(join(pairedDir, "config.json"), "utf8")) as { server: string; token: string };
      expect(saved).toEqual({ server: server.baseUrl, token: expect.stringMatching(/^tma_/) });
      // The token works: doctor with nothing but the state dir accepts it.
      const doctor = await runCaptured(process.execPath, [bin, "doctor", "--adb-port", String(studio.adb.port), "--state-dir", pairedDir], { cwd: dir, env: { ...process.env, TIKMATRIX_SERVER: "", TIKMATRIX_TOKEN: "" }, timeoutMs: 60_000 });
      expect(doctor.stdout).toContain(`  OK       ${server.baseUrl} answers and accepts the agent token`);
    } finally {
      child.kill();
    }
  }, 90_000);
});
