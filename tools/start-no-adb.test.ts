import { mkdir, readdir, readFile, symlink } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { isListening } from "./lib/port";
import { killGroup } from "./lib/process-group";
import { freePort } from "./testing/free-port";
import { freePortRange } from "./testing/free-port-range";
import { groupsNaming, type StartProcess, spawnStart } from "./testing/start-process";
import { makeTempDir, removeDir } from "./testing/temp-dir";

/**
 * A machine without the Android platform tools: `npm start -- --simulate 2` says how to
 * install adb and keeps serving the API, with no agent and no phones.
 */
let dir = "";
let port = 0;
let firstPhonePort = 0;
let start: StartProcess | undefined;

function running(): StartProcess {
  if (start === undefined) throw new Error("npm start did not start");
  return start;
}

/**
 * PATH as it is, minus adb: a directory holding adb (with node beside it, as /usr/bin
 * here) is replaced by a copy made of links to everything else in it.
 */
async function pathWithoutAdb(into: string): Promise<string> {
  const entries = (process.env.PATH ?? "").split(delimiter).filter((entry) => entry !== "");
  const result: string[] = [];
  for (const [i, entry] of entries.entries()) {
    const names: string[] = await readdir(entry).catch(() => []);
    if (!names.includes("adb")) {
      result.push(entry);
      continue;
    }
    const mirror = join(into, `path-${i}`);
    await mkdir(mirror);
    await Promise.all(names.filter((name) => name !== "adb").map((name) => symlink(join(entry, name), join(mirror, name))));
    result.push(mirror);
  }
  return result.join(delimiter);
}

beforeAll(async () => {
  dir = await makeTempDir("start-no-adb");
  port = await freePort();
  firstPhonePort = await freePortRange(2);
  const PATH = await pathWithoutAdb(dir);
  // The inspector port too: wrangler's default 9229 may be held by another wrangler dev here.
  const wrangler = ["--port", String(port), "--inspector-port", String(await freePort()), "--persist-to", join(dir, "state")];
  start = spawnStart(["--simulate", "2", "--simulate-port", String(firstPhonePort), ...wrangler], { ...process.env, PATH });
  await running().waitFor(/Ready: the dev key works/, 100_000);
  await running().waitFor(/add the platform-tools folder to PATH/, 5_000);
}, 120_000);

afterAll(async () => {
  await start?.kill(dir);
  await removeDir(dir);
});

test("says how to install adb on each system, and that no phones or agent run", () => {
  const output = running().output();
  expect(output).toContain("adb (Android platform tools) is not on PATH, so no simulated phones and no agent are started");
  expect(output).toContain("sudo apt-get install adb");
  expect(output).toContain("brew install android-platform-tools");
  expect(output).toContain("https://developer.android.com/tools/releases/platform-tools");
  expect(output).not.toContain("[agent]");
  expect(groupsNaming(join(dir, "state", "agent"))).toEqual([]);
});

test("the API keeps answering the dev key, and no phone port was opened", async () => {
  const key = (await readFile(join(dir, "state", "dev-api-key"), "utf8")).trim();
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/license/check`, { headers: { authorization: `Bearer ${key}` } });
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ code: 0, data: { plan_name: "Pro" } });
  expect(await isListening(firstPhonePort)).toBe(false);
});

test("SIGTERM stops it, with nothing left behind", async () => {
  killGroup(running().pid, "SIGTERM");
  const exit = await Promise.race([running().exited, new Promise((resolve) => setTimeout(() => resolve("timeout"), 30_000))]);
  expect(exit, running().output().slice(-3000)).toBe(0);
  expect(groupsNaming(dir)).toEqual([]);
  expect(await isListening(port)).toBe(false);
});
