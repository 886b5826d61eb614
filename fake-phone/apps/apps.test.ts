import { describe, expect, it } from "vitest";
import { InstagramApp } from "./instagram/instagram-app.js";
import { TIKTOK_PACKAGE, TikTokApp } from "./tiktok/tiktok-app.js";
import { ADB_KEYBOARD_PACKAGE } from "../system/input-method.js";
import { useHarness } from "../testing/test-harness.js";
import { GALAXY_A } from "../system/device-profile.js";

// Profile cells are on the profile screen only; the username is the one "@" text there.
const onProfile = { text: "@fake_creator" };

// Apps on Android 13+ ask for notifications at first start; these tests are about other things.
const QUIET = { asksNotifications: false };
const LAUNCH_TIKTOK = `monkey -p ${TIKTOK_PACKAGE} -c android.intent.category.LAUNCHER 1`;
const SPLASH = `${TIKTOK_PACKAGE}/com.ss.android.ugc.aweme.splash.SplashActivity`;

const harness = useHarness();

describe("apps on the phone", () => {
  it("counts app models as installed packages", async () => {
    const phone = await harness.phone({ apps: [new TikTokApp(QUIET), new InstagramApp(QUIET)] });
    expect(await phone.ok(`pm path ${TIKTOK_PACKAGE}`)).toMatch(/^package:.*base\.apk\n$/);
    expect(await phone.ok("pm path com.instagram.android")).toMatch(/^package:/);
  });

  it("brings an app to front with monkey, on its start screen", async () => {
    const phone = await harness.phone({ apps: [new TikTokApp(QUIET)] });
    expect(await phone.run(LAUNCH_TIKTOK)).toEqual({ stdout: "Events injected: 1\n", stderr: "", exitCode: 0 });
    const nodes = await phone.dump();
    expect(nodes.some((node) => node.desc === "Create" && node.pkg === TIKTOK_PACKAGE)).toBe(true);
  });

  it("asks for notifications at the first start on Android 13 and later, in a dialog of the permission controller", async () => {
    const phone = await harness.phone({ apps: [new TikTokApp()] });
    await phone.ok(LAUNCH_TIKTOK);
    const nodes = await phone.dump();
    expect(nodes[0]?.pkg).toBe("com.google.android.permissioncontroller");
    expect(nodes.map((node) => node.text)).toEqual(expect.arrayContaining(["Allow TikTok to send you notifications?", "Allow", "Don\u2019t allow"]));
    await phone.tap({ text: "Allow" });
    expect((await phone.dump())[0]?.pkg).toBe(TIKTOK_PACKAGE);
    expect(await phone.ok(`dumpsys package ${TIKTOK_PACKAGE}`)).toContain("android.permission.POST_NOTIFICATIONS: granted=true");
  });

  it("aborts monkey for a package that is missing or has no launcher activity", async () => {
    const phone = await harness.phone({ packages: [ADB_KEYBOARD_PACKAGE] });
    for (const pkg of [TIKTOK_PACKAGE, ADB_KEYBOARD_PACKAGE]) {
      const result = await phone.run(`monkey -p ${pkg} -c android.intent.category.LAUNCHER 1`);
      expect(result).toMatchObject({ exitCode: 252, stderr: "** No activities found to run, monkey aborted.\n" });
    }
  });

  it("prints Error: yet exits 0 for a class the app does not have", async () => {
    const phone = await harness.phone({ apps: [new TikTokApp(QUIET)] });
    const result = await phone.run(`am start -W -a android.intent.action.SEND -n ${TIKTOK_PACKAGE}/.Renamed`);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^Starting: Intent \{ act=android\.intent\.action\.SEND flg=0x10000000 cmp=com\.zhiliaoapp\.musically\/\.Renamed \}\n$/);
    expect(result.stderr).toContain(`Error: Activity class {${TIKTOK_PACKAGE}/${TIKTOK_PACKAGE}.Renamed} does not exist.`);
    expect(phone.phone.frontPackage).toBeUndefined();
  });

  it("answers am start -W with the launch status", async () => {
    const phone = await harness.phone({ apps: [new TikTokApp(QUIET)] });
    const result = await phone.ok(`am start -W -n ${SPLASH}`);
    expect(result).toMatch(/^Starting: Intent \{ flg=0x10000000 cmp=com\.zhiliaoapp\.musically\/com\.ss\.android\.ugc\.aweme\.splash\.SplashActivity \}\nStatus: ok\n/);
    expect(result).toContain(`Activity: ${SPLASH}\nTotalTime: 412\n`);
    expect(result).toMatch(/Complete\n$/);
  });

  it("rejects an am option it does not model instead of ignoring it", async () => {
    const phone = await harness.phone({ apps: [new TikTokApp(QUIET)] });
    const result = await phone.run(`am start --activity-brought-to-front -n ${SPLASH}`);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain("Unknown option: --activity-brought-to-front");
  });

  it("goes to the launcher on HOME and on BACK from the start screen", async () => {
    const phone = await harness.phone({ apps: [new TikTokApp(QUIET)] });
    await phone.ok(LAUNCH_TIKTOK);
    await phone.ok("input keyevent KEYCODE_HOME");
    expect(phone.phone.frontPackage).toBeUndefined();
    await phone.ok(LAUNCH_TIKTOK);
    await phone.ok("input keyevent 4");
    expect((await phone.dump())[0]?.pkg).toBe("com.android.launcher3");
  });

  it("resumes a running app where it was, and starts fresh after force-stop", async () => {
    const phone = await harness.phone({ apps: [new TikTokApp(QUIET)] });
    await phone.ok(LAUNCH_TIKTOK);
    await phone.tap({ desc: "Profile" });
    await phone.ok("input keyevent KEYCODE_HOME");
    await phone.ok(LAUNCH_TIKTOK);
    expect(await phone.find(onProfile)).toBeDefined();
    await phone.ok(`am force-stop ${TIKTOK_PACKAGE}`);
    expect(phone.phone.frontPackage).toBeUndefined();
    await phone.ok(LAUNCH_TIKTOK);
    expect(await phone.find(onProfile)).toBeUndefined();
    expect(await phone.find({ desc: "Create" })).toBeDefined();
  });

  it("lays its views out on the phone's screen, inside the bars", async () => {
    const phone = await harness.phone({ profile: GALAXY_A, apps: [new TikTokApp({ asksNotifications: false })] });
    await phone.ok(LAUNCH_TIKTOK);
    const nodes = await phone.dump();
    expect(nodes[0]?.bounds).toBe("[0,0][720,1600]");
    // 720×1600 at 2.0 density: a 56 px status bar, a 96 px three-button bar.
    expect(nodes.find((node) => node.desc === "Profile")?.bounds).toBe("[576,1414][720,1504]");
    await phone.tap({ desc: "Profile" });
    expect(await phone.find(onProfile)).toBeDefined();
  });

  it("shows a different screenshot colour on each screen", async () => {
    const phone = await harness.phone({ apps: [new TikTokApp(QUIET)] });
    await phone.ok(LAUNCH_TIKTOK);
    const home = await phone.run("screencap -p");
    await phone.tap({ desc: "Profile" });
    const profile = await phone.run("screencap -p");
    expect(home.stdout.slice(1, 4)).toBe("PNG");
    expect(profile.stdout).not.toBe(home.stdout);
  });

  it("fails a command it does not model like a missing binary", async () => {
    const phone = await harness.phone();
    expect(await phone.run("cmd package list packages")).toMatchObject({ exitCode: 127 });
  });
});
