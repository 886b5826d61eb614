import { describe, expect, it } from "vitest";
import { useHarness } from "../../testing/test-harness.js";
import { SocialWorld } from "../social-world.js";
import { TIKTOK_PACKAGE } from "./tiktok-app.js";
import { LAUNCH_TIKTOK, tiktokPhone } from "./tiktok-testing.js";

// The account states (research §2.6): the log-in screen, the captcha BACK does not close, the
// banned account's status, the rate limit's notice with nothing done; from the start or after N actions.

const harness = useHarness();
const ME = "fake_creator";
const FIRST = "7400000000000000001";
const view = (url: string) => `am start -W -a android.intent.action.VIEW -d '${url}' ${TIKTOK_PACKAGE}`;

describe("TikTok's account states", () => {
  it("shows the log-in screen instead of home when logged out, with no nav bar; BACK leaves the app", async () => {
    const world = new SocialWorld({ restrictions: { [ME]: { state: "logged_out", after: 0 } } });
    const { phone } = await tiktokPhone(harness, { world });
    await phone.ok(LAUNCH_TIKTOK);
    const texts = (await phone.dump()).map((node) => node.text);
    expect(texts).toEqual(expect.arrayContaining(["Log in to TikTok", "Use phone / email / username", "Continue with Google", "Don\u2019t have an account? Sign up"]));
    expect((await phone.dump()).some((node) => node.desc === "Create" || node.desc === "Home")).toBe(false);
    expect(world.watches).toEqual([]);
    await phone.ok("input keyevent 4");
    expect(phone.phone.frontPackage).toBeUndefined();
  });

  it("covers the screen with the captcha after N actions; BACK keeps it, and nothing more reaches the world", async () => {
    const world = new SocialWorld({ restrictions: { [ME]: { state: "captcha", after: 1 } } });
    const { app, phone } = await tiktokPhone(harness, { world });
    await phone.ok(LAUNCH_TIKTOK);
    await phone.tap({ id: "f57" });
    expect(world.liked(ME).has(FIRST)).toBe(true);
    expect(await phone.find({ text: "Drag the puzzle piece into place" })).toBeDefined();
    expect(await phone.find({ id: "secsdk-captcha-drag-wrapper" })).toBeDefined();
    expect(await phone.find({ id: "f57" })).toBeUndefined();
    await phone.ok("input keyevent 4");
    expect(phone.phone.frontPackage).toBe(TIKTOK_PACKAGE);
    expect(await phone.find({ text: "Drag the puzzle piece into place" })).toBeDefined();
    // A link still opens a page under it, and the page's buttons are out of reach.
    await phone.ok(view("https://www.tiktok.com/@nordicmilkman"));
    expect(app.screenName).toBe("user:nordicmilkman");
    expect(await phone.find({ text: "Follow" })).toBeUndefined();
    expect(world.following(ME).size).toBe(0);
    // The feed's watch ended when the captcha came.
    expect(world.watches.every((watch) => watch.to !== undefined)).toBe(true);
  });

  it("shows the rotate captcha's wording when built so", async () => {
    const world = new SocialWorld({ restrictions: { [ME]: { state: "captcha", after: 0 } } });
    const { phone } = await tiktokPhone(harness, { world, captcha: "rotate" });
    await phone.ok(LAUNCH_TIKTOK);
    expect(await phone.find({ text: "Drag the slider to fit the puzzle" })).toBeDefined();
  });

  it("refuses a follow while rate limited with a notice only OK closes, and the world stays as it was", async () => {
    const world = new SocialWorld({ restrictions: { [ME]: { state: "rate_limited", after: 2 } } });
    const { app, phone } = await tiktokPhone(harness, { world });
    await phone.ok(LAUNCH_TIKTOK);
    await phone.tap({ id: "f57" });
    await phone.tap({ id: "guh" });
    expect(world.liked(ME).size + world.saved(ME).size).toBe(2);
    await phone.tap({ desc: "Follow nordicmilkman" });
    expect(world.relation(ME, "nordicmilkman")).toBe("none");
    expect(app.dialogShowing).toBe("You're tapping too fast. Take a break.");
    expect(await phone.find({ text: "You're tapping too fast. Take a break." })).toBeDefined();
    await phone.ok("input keyevent 4");
    expect(app.dialogShowing).toBeDefined();
    await phone.tap({ text: "OK" });
    expect(app.dialogShowing).toBeUndefined();
    // The + is still there: nothing changed.
    expect(await phone.find({ desc: "Follow nordicmilkman" })).toBeDefined();
  });

  it("refuses a comment while rate limited and keeps the text in the field", async () => {
    const world = new SocialWorld({ restrictions: { [ME]: { state: "rate_limited", after: 0 } } });
    const { app, phone } = await tiktokPhone(harness, { world });
    await phone.ok(LAUNCH_TIKTOK);
    await phone.tap({ id: "dtv" });
    await phone.tap({ id: "dpl" });
    await phone.ok("input text hi");
    await phone.tap({ desc: "Post comment" });
    expect(world.comments).toEqual([]);
    await phone.tap({ text: "OK" });
    expect(app.dialogShowing).toBe("Comments");
    expect((await phone.find({ id: "dpl" }))?.text).toBe("hi");
  });

  it("shows a banned account's Account Status, which OK does not lift", async () => {
    const world = new SocialWorld({ restrictions: { [ME]: { state: "banned", after: 0 } } });
    const { phone } = await tiktokPhone(harness, { world });
    await phone.ok(LAUNCH_TIKTOK);
    const texts = (await phone.dump()).map((node) => node.text);
    expect(texts).toEqual(expect.arrayContaining(["Account Status", "Your account was permanently banned"]));
    await phone.tap({ text: "OK" });
    expect(await phone.find({ text: "Your account was permanently banned" })).toBeDefined();
    expect(await phone.ok("dumpsys window windows")).toContain("AccountBannedActivity");
  });
});
