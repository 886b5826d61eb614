import { describe, expect, it } from "vitest";
import { ADB_KEYBOARD_PACKAGE } from "../../system/input-method.js";
import { poll, useHarness } from "../../testing/test-harness.js";
import { INSTAGRAM_PACKAGE, InstagramApp } from "../instagram/instagram-app.js";
import { TIKTOK_43 } from "./builds.js";
import { TIKTOK_DEEP_LINK_ACTIVITY, TIKTOK_PACKAGE } from "./tiktok-app.js";
import { TIKTOK_SOUNDS, soundLink, soundShortLink } from "./tiktok-sounds.js";
import { LAUNCH_TIKTOK, shareToEditor, tiktokId, tiktokPhone } from "./tiktok-testing.js";

// Sound links through am: Intent.parseCommandArgs's trailing package limits a VIEW to TikTok,
// whose DeepLinkHandlerActivity takes tiktok.com links (README "Facts").

const harness = useHarness();
const [RESTLESS, , ORIGINAL] = TIKTOK_SOUNDS;
const view = (url: string, pkg = TIKTOK_PACKAGE) => `am start -W -a android.intent.action.VIEW -d ${url} ${pkg}`;

describe("a VIEW of a sound link, limited to TikTok's package", () => {
  it("is resolved to DeepLinkHandlerActivity and printed as am prints it: the web address cut to its host", async () => {
    const { phone } = await tiktokPhone(harness);
    const out = await phone.ok(view(soundLink(ORIGINAL!)));
    expect(out).toMatch(/^Starting: Intent \{ act=android\.intent\.action\.VIEW dat=https:\/\/www\.tiktok\.com\/\.\.\. flg=0x10000000 pkg=com\.zhiliaoapp\.musically \}\nStatus: ok\n/);
    expect(out).toContain(`Activity: ${TIKTOK_PACKAGE}/com.ss.android.ugc.aweme.deeplink.DeepLinkHandlerActivity\n`);
  });

  it("starts TikTok at its home feed and drops the link when TikTok was not running", async () => {
    const { app, phone } = await tiktokPhone(harness);
    expect(await phone.ok(view(soundLink(RESTLESS!)))).toContain("LaunchState: COLD");
    expect(app.screenName).toBe("home");
    expect(await phone.find({ desc: "Create" })).toBeDefined();
    expect(app.events.some((event) => event.startsWith("deep link dropped"))).toBe(true);
  });

  it("opens the sound's page while TikTok runs: a progress bar first, then the sound, and Use this sound", async () => {
    const { app, phone } = await tiktokPhone(harness, { soundLoadMs: 300 });
    await phone.ok(LAUNCH_TIKTOK);
    await phone.ok("input keyevent KEYCODE_HOME");
    await phone.ok(view(soundLink(RESTLESS!)));
    expect(phone.phone.frontPackage).toBe(TIKTOK_PACKAGE);
    expect(await phone.ok("dumpsys window windows")).toContain("MusicDetailActivity");
    const loading = await phone.dump();
    expect(loading.some((node) => node.cls === "android.widget.ProgressBar")).toBe(true);
    expect(loading.filter((node) => node.text !== "" || node.desc !== "").map((node) => node.text || node.desc)).toEqual(["Back"]);
    await poll(async () => ((await phone.find({ text: "Use this sound" })) === undefined ? undefined : true), 3_000, 50);
    const page = await phone.dump();
    expect(page.map((node) => node.text)).toEqual(expect.arrayContaining(["Restless - Instrumental", "Lumen Drift", "184K videos", "Add to Favorites", "Use this sound"]));
    // The texts are not on the clickable nodes: a match on text and clickable finds nothing.
    expect(page.find((node) => node.text === "Use this sound")?.clickable).toBe(false);
    expect(app.screenName).toBe("sound");
  });

  it("opens the page over the editor and its sounds sheet, which is then out of sight", async () => {
    const { app, phone } = await tiktokPhone(harness);
    await shareToEditor(phone, "clip.mp4");
    await phone.tap({ id: "d8c" });
    expect(app.dialogShowing).toBe("Sounds");
    await phone.ok(view(soundLink(ORIGINAL!)));
    expect(app.dialogShowing).toBeUndefined();
    expect(await phone.find({ text: "Use this sound" })).toBeDefined();
    await phone.ok("input keyevent 4");
    expect(app.screenName).toBe("editor");
  });

  it("shows a page without Use this sound for an id no sound has", async () => {
    const { phone } = await tiktokPhone(harness);
    await phone.ok(LAUNCH_TIKTOK);
    await phone.ok(view("https://www.tiktok.com/music/Gone-Forever-7000000000000000001"));
    expect(await phone.find({ text: "This sound isn't available" })).toBeDefined();
    expect(await phone.find({ text: "Use this sound" })).toBeUndefined();
  });

  it("follows a vm.tiktok.com short link, and /t/ links, to the sound's page", async () => {
    const { phone } = await tiktokPhone(harness);
    await phone.ok(LAUNCH_TIKTOK);
    await phone.ok(view(soundShortLink(ORIGINAL!)));
    expect((await phone.find({ id: tiktokId(TIKTOK_43, "soundTitle") }))?.text).toBe("original sound - ava_renee6");
    await phone.ok("input keyevent 4");
    await phone.ok(view(`https://www.tiktok.com/t/${RESTLESS!.code}/`));
    expect((await phone.find({ id: tiktokId(TIKTOK_43, "soundTitle") }))?.text).toBe("Restless - Instrumental");
  });

  it("is reachable with -n as well", async () => {
    const { phone } = await tiktokPhone(harness);
    await phone.ok(LAUNCH_TIKTOK);
    await phone.ok(`am start -a android.intent.action.VIEW -d ${soundLink(RESTLESS!)} -n ${TIKTOK_PACKAGE}/${TIKTOK_DEEP_LINK_ACTIVITY}`);
    expect(await phone.find({ text: "Use this sound" })).toBeDefined();
  });
});

describe("am start's trailing argument", () => {
  it("takes a component as MAIN / LAUNCHER with it, and refuses anything after it", async () => {
    const { phone } = await tiktokPhone(harness);
    const out = await phone.ok(`am start -W ${TIKTOK_PACKAGE}/com.ss.android.ugc.aweme.splash.SplashActivity`);
    expect(out).toMatch(/^Starting: Intent \{ act=android\.intent\.action\.MAIN cat=\[android\.intent\.category\.LAUNCHER\] flg=0x10000000 cmp=com\.zhiliaoapp\.musically\/com\.ss\.android\.ugc\.aweme\.splash\.SplashActivity \}\nStatus: ok/);
    const extra = await phone.run(`am start -a android.intent.action.VIEW -d ${soundLink(RESTLESS!)} ${TIKTOK_PACKAGE} more`);
    expect(extra.exitCode).not.toBe(0);
    expect(extra.stderr).toContain("more");
  });
});

describe("an implicit intent am cannot resolve", () => {
  it("prints am's Error line on stderr and exits 0: a package without a handler, or one not installed", async () => {
    const app = new InstagramApp({ asksNotifications: false });
    const phone = await harness.phone({ apps: [app], packages: [ADB_KEYBOARD_PACKAGE] });
    for (const pkg of [INSTAGRAM_PACKAGE, ADB_KEYBOARD_PACKAGE, TIKTOK_PACKAGE]) {
      const result = await phone.run(view(soundLink(RESTLESS!), pkg));
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toBe(`Starting: Intent { act=android.intent.action.VIEW dat=https://www.tiktok.com/... flg=0x10000000 pkg=${pkg} }\n`);
      expect(result.stderr).toBe(`Error: Activity not started, unable to resolve Intent { act=android.intent.action.VIEW dat=https://www.tiktok.com/... flg=0x10000000 pkg=${pkg} }\n`);
    }
    expect(app.running).toBe(false);
  });

  it("does not resolve TikTok's links without -a (MAIN and LAUNCHER come with the package), over http, or without a package", async () => {
    const { app, phone } = await tiktokPhone(harness);
    const link = soundLink(RESTLESS!);
    const noAction = await phone.run(`am start -d ${link} ${TIKTOK_PACKAGE}`);
    expect(noAction.stderr).toContain("unable to resolve Intent { act=android.intent.action.MAIN cat=[android.intent.category.LAUNCHER] dat=https://www.tiktok.com/... flg=0x10000000 pkg=com.zhiliaoapp.musically }");
    expect((await phone.run(view(link.replace("https:", "http:")))).stderr).toContain("unable to resolve");
    // A URI as the trailing argument is a VIEW of it, but nothing limits it to TikTok: Android would ask.
    expect((await phone.run(`am start ${link}`)).stderr).toContain("unable to resolve Intent { act=android.intent.action.VIEW dat=https://www.tiktok.com/... flg=0x10000000 }");
    expect(app.running).toBe(false);
  });
});
