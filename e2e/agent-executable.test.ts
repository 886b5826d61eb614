import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AGENT_VERSION } from "../agent/version";
import { TikTokApp } from "../fake-phone";
import { REPO_ROOT } from "../tools/lib/repo";
import { type CapturedRun, runCaptured } from "../tools/lib/run-captured";
import { explain, lastLine } from "../tools/testing/run-tool";
import { Studio } from "./system";

/**
 * The agent as one executable (Node's single-executable applications), built for this
 * machine from its own node (`npm run pack:exe -- --target host`: nothing fetched), run from
 * a folder holding nothing else: no Node modules, no screen data files beside it. The release
 * targets (Windows, macOS) are the same blob in another platform's node.
 */
let dir: string;
let exe: string;
let studio: Studio | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tikmatrix-agent-exe-"));
  const built = await runCaptured(process.execPath, ["--import", "tsx", join(REPO_ROOT, "tools", "pack", "exe.ts"), "--target", "host", "--out", join(dir, "dist")], { cwd: REPO_ROOT, env: process.env, timeoutMs: 180_000 });
  expect(built.code, explain(built)).toBe(0);
  exe = lastLine(built.stdout);
}, 200_000);

afterAll(async () => {
  await studio?.stop();
  await rm(dir, { recursive: true, force: true });
}, 60_000);

function run(...args: string[]): Promise<CapturedRun> {
  return runCaptured(exe, args, { cwd: dir, env: { ...process.env, TIKMATRIX_SERVER: "", TIKMATRIX_TOKEN: "" }, timeoutMs: 60_000 });
}

describe("the tikmatrix-agent executable", () => {
  test("is named for its version and platform, runs without Node's modules, and says nothing of being a single executable", async () => {
    expect(basename(exe)).toBe(`tikmatrix-agent-${AGENT_VERSION}-linux-x64`);
    expect((await stat(exe)).mode & 0o111).not.toBe(0);
    const version = await run("--version");
    expect(version.code, explain(version)).toBe(0);
    expect(version.stdout).toBe(`${AGENT_VERSION}\n`);
    // Node's warnings (the experimental one, or a require() it cannot serve) would show here.
    expect(version.stderr).toBe("");
    const help = await run("--help");
    expect(help.stdout).toContain("Usage: tikmatrix-agent [command] [options]");
  });

  test("`run` links a phone that completes a post, with the screen data it carries; doctor reads them too", async () => {
    const app = new TikTokApp({ uploadMs: 300 });
    studio = await Studio.start([app], { agentCommand: exe, agentProgram: ["run"] });
    const serial = studio.phones[0]!.serial;
    const video = await studio.material("executable.mp4");
    const [id] = await studio.post([serial], { material_list: [video.path] });
    expect(await studio.ended(id!), studio.diagnostics()).toMatchObject({ status: 2 });
    expect(app.posts.at(-1)?.media[0]?.data.equals(video.data)).toBe(true);
    expect(studio.diagnostics()).not.toContain("Warning:");

    const doctor = await runCaptured(exe, ["doctor", "--server", studio.server.baseUrl, "--adb-port", String(studio.adb.port), "--state-dir", studio.agentStateDir], {
      cwd: dir,
      env: { ...process.env, TIKMATRIX_TOKEN: studio.server.agentToken },
      timeoutMs: 60_000,
    });
    expect(doctor.code, explain(doctor)).toBe(0);
    expect(doctor.stdout).toContain("  OK       screen data of TikTok, Instagram and Android's dialogs read");
    expect(doctor.stdout).toContain("All checks passed.");
  }, 150_000);
});
