import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ADB_KEYBOARD_PACKAGE, INSTAGRAM_410, InstagramApp, TIKTOK_43, TikTokApp } from "../../fake-phone";
import { useHarness } from "../../fake-phone/testing";
import { REPO_ROOT } from "../../tools/lib/repo";
import { runCaptured } from "../../tools/lib/run-captured";
import type { CheckGroup } from "./check";
import { doctor } from "./doctor";

const harness = useHarness();
const serials = { ready: "", bare: "", prompt: "" };
let groups: CheckGroup[];

beforeAll(async () => {
  const ready = await harness.phone({ apps: [new TikTokApp({ build: TIKTOK_43 }), new InstagramApp({ build: INSTAGRAM_410 })], packages: [ADB_KEYBOARD_PACKAGE] });
  // No ADBKeyBoard, TikTok only, a German UI and half a gigabyte free.
  const bare = await harness.phone({ apps: [new TikTokApp({ build: TIKTOK_43 })], condition: { storageFreeBytes: 512 * 1024 ** 2 } });
  // The fake phone's screens speak English and Chinese only; what doctor reads is the property.
  bare.phone.properties.set("persist.sys.locale", "de-DE");
  // Its "Allow USB debugging?" prompt never answered: the adb server lists it unauthorized.
  const prompt = await harness.phone({ usbDebugging: "prompt" });
  Object.assign(serials, { ready: ready.phone.serial, bare: bare.phone.serial, prompt: prompt.phone.serial });
  groups = await doctor({ adbHost: "127.0.0.1", adbPort: harness.adb.port, server: undefined, token: undefined });
}, 60_000);

function phone(serial: string): CheckGroup {
  const group = groups.find((candidate) => candidate.title.startsWith(`phone ${serial}`));
  if (group === undefined) throw new Error(`no checks of ${serial}: ${JSON.stringify(groups, null, 2)}`);
  return group;
}

describe("doctor, on fake phones behind the real adb server", () => {
  it("finds the adb server with its version and every phone it lists", () => {
    expect(groups[0]?.checks).toEqual([
      { ok: true, text: "screen data of TikTok, Instagram and Android's dialogs read" },
      { ok: true, text: expect.stringMatching(new RegExp(`^adb server at 127\\.0\\.0\\.1:${harness.adb.port} \\(protocol version \\d+\\), 3 phones listed$`)) },
    ]);
  });

  it("passes a phone that has all it needs, naming its model, apps and versions", () => {
    const group = phone(serials.ready);
    expect(group.title).toBe(`phone ${serials.ready} (Pixel_7)`);
    expect(group.checks.map((check) => check.text)).toEqual([
      "authorised (adb state: device)",
      "ADBKeyBoard installed (captions and comments beyond ASCII: emoji, accents, Chinese)",
      `TikTok ${TIKTOK_43.versionName} (com.zhiliaoapp.musically)`,
      expect.stringMatching(new RegExp(`^Instagram ${INSTAGRAM_410.versionName.replace(/\./g, "\\.")} \\(com\\.instagram\\.android`)),
      "system language en-US",
      "free storage 12 GB on /sdcard",
    ]);
    expect(group.checks.every((check) => check.ok)).toBe(true);
  });

  it("says what a phone lacks and how to fix it: ADBKeyBoard, a supported language, free storage", () => {
    const checks = phone(serials.bare).checks;
    const problems = checks.filter((check) => !check.ok);
    expect(problems.map((check) => check.text)).toEqual([
      expect.stringContaining("ADBKeyBoard is not installed"),
      "system language de-DE",
      expect.stringMatching(/^free storage 537 MB on \/sdcard/),
    ]);
    expect(problems[0]?.fix).toContain(`adb -s ${serials.bare} install ADBKeyboard.apk`);
    expect(problems[1]?.fix).toContain("English or Chinese");
    expect(problems[2]?.fix).toContain("free at least 1 GB");
    // One app is enough: the other is noted, not a problem.
    expect(checks).toContainEqual({ ok: true, text: "Instagram not installed (only TikTok tasks can run here)" });
  });

  it("tells the person at the PC to accept the USB debugging prompt of an unauthorised phone", () => {
    expect(phone(serials.prompt).checks).toEqual([{ ok: false, text: 'not ready: adb state "unauthorized"', fix: expect.stringContaining("accept the USB debugging prompt on the phone") }]);
  });

  it("counts a Worker it was given no address or token for as a problem", () => {
    expect(groups.at(-1)).toEqual({ title: "worker", checks: [{ ok: false, text: expect.stringContaining("the server and the agent token are not set"), fix: expect.stringContaining("--server") }] });
  });

  it("as a command: prints OK and PROBLEM lines with their fixes, and exits 1; status lists each phone's state", async () => {
    const cli = (...args: string[]) =>
      runCaptured(process.execPath, ["--import", "tsx", join(REPO_ROOT, "agent", "main.ts"), ...args, "--adb-port", String(harness.adb.port)], {
        cwd: REPO_ROOT,
        env: { ...process.env, TIKMATRIX_SERVER: "", TIKMATRIX_TOKEN: "", TIKMATRIX_STATE_DIR: join(tmpdir(), "tikmatrix-doctor-test-no-state") },
        timeoutMs: 60_000,
      });
    const [run, status] = await Promise.all([cli("doctor"), cli("status")]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain(`phone ${serials.prompt}\n  PROBLEM  not ready: adb state "unauthorized"\n           fix: accept the USB debugging prompt`);
    expect(run.stdout).toContain("  OK       system language en-US");
    expect(run.stdout).toMatch(/\n5 problems found\.\n$/);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(new RegExp(`^${serials.ready.replace(/\./g, "\\.")} +device +Pixel_7 `, "m"));
    expect(status.stdout).toMatch(new RegExp(`^${serials.prompt.replace(/\./g, "\\.")} +unauthorized +- `, "m"));
    expect(status.stdout).toContain("\nLINK and TASK not shown: the server and agent token are not set: run tikmatrix-agent pair");
  }, 60_000);
});
