import { describe, expect, it } from "vitest";
import { useHarness } from "../../testing/test-harness.js";
import { LAUNCH_INSTAGRAM, byId, instagramPhone, openWhileRunning, profileLink, reelLink, viewLink } from "./instagram-testing.js";

// The account states a person must handle (SocialWorld restrictions): the log-in screen, the
// captcha that BACK does not close, the "Try Again Later" action block, and the disabled or
// suspended account. The app never calls a world action while one is set (the world would throw).

const harness = useHarness();
const ME = "fake_creator";
const REEL = "7400000000000000001";

describe("Instagram's account states", () => {
  it("logged out: the log-in screen instead of the feed, also under a link", async () => {
    const { phone, app } = await instagramPhone(harness, { worldOptions: { restrictions: { [ME]: { state: "logged_out", after: 0 } } } });
    await phone.ok(LAUNCH_INSTAGRAM);
    const texts = (await phone.dump()).map((node) => node.text);
    expect(texts).toEqual(expect.arrayContaining(["Username, email or mobile number", "Password", "Log in", "Create new account"]));
    expect(await phone.find({ desc: "Home" })).toBeUndefined();
    await phone.ok(viewLink(profileLink("nordicmilkman")));
    expect(await phone.find({ id: "profile_header_follow_button" })).toBeUndefined();
    expect(await phone.ok("dumpsys window windows")).toContain("SignedOutFragmentActivity");
    await phone.tap({ text: "Log in" });
    expect(app.events).toContain("log in not modelled");
  });

  it("rate limited after two follows: the third shows Try Again Later and changes nothing; OK closes it, BACK does not", async () => {
    const { phone, world, app } = await instagramPhone(harness, { worldOptions: { restrictions: { [ME]: { state: "rate_limited", after: 2 } } } });
    await openWhileRunning(phone, profileLink("nordicmilkman"));
    await phone.tap({ id: "profile_header_follow_button" });
    await phone.ok(viewLink(profileLink("sunny.days")));
    await phone.tap({ id: "profile_header_follow_button" });
    expect(world.following(ME).size).toBe(2);
    await phone.ok(viewLink(profileLink("quiet_cook")));
    await phone.tap({ id: "profile_header_follow_button" });
    expect(app.dialogShowing).toBe("Try Again Later");
    const dialog = await phone.dump();
    expect(byId(dialog, "igds_alert_dialog_headline")?.text).toBe("Try Again Later");
    expect(byId(dialog, "igds_alert_dialog_subtext")?.text).toBe(
      "We limit how often you can do certain things on Instagram to protect our community. Tell us if you think we made a mistake.",
    );
    expect(dialog.filter((node) => node.cls === "android.widget.Button").map((node) => node.text)).toEqual(["Tell us", "OK"]);
    expect(world.relation(ME, "quiet_cook")).toBe("none");
    await phone.ok("input keyevent 4");
    expect(app.dialogShowing).toBe("Try Again Later");
    await phone.tap({ text: "OK" });
    expect(app.dialogShowing).toBeUndefined();
    expect(byId(await phone.dump(), "profile_header_follow_button")?.text).toBe("Follow");
  });

  it("rate limited: a comment is refused and stays in the field; a like and an unfollow too", async () => {
    const { phone, world } = await instagramPhone(harness, {
      worldOptions: { following: { [ME]: ["nordicmilkman"] }, restrictions: { [ME]: { state: "rate_limited", after: 0 } } },
    });
    await openWhileRunning(phone, reelLink(REEL));
    await phone.tap({ id: "like_button" });
    await phone.tap({ text: "OK" });
    await phone.tap({ id: "comment_composer_text_view" });
    await phone.ok("input text hello");
    await phone.tap({ id: "layout_comment_thread_post_button_click_area" });
    await phone.tap({ text: "OK" });
    expect(byId(await phone.dump(), "layout_comment_thread_edittext_multiline")?.text).toBe("hello");
    await phone.ok(viewLink(profileLink("nordicmilkman")));
    await phone.tap({ id: "profile_header_follow_button" });
    await phone.tap({ id: "follow_sheet_unfollow_row" });
    expect(await phone.find({ text: "Try Again Later" })).toBeDefined();
    expect(world.comments).toEqual([]);
    expect(world.liked(ME).size).toBe(0);
    expect(world.following(ME).has("nordicmilkman")).toBe(true);
  });

  it("captcha after one like: covers the reel and its sheets, BACK does not close it, and the watch ends", async () => {
    const { phone, world, app } = await instagramPhone(harness, { worldOptions: { restrictions: { [ME]: { state: "captcha", after: 1 } } } });
    await openWhileRunning(phone, reelLink(REEL));
    await phone.tap({ id: "like_button" });
    const screen = await phone.dump();
    expect(screen.map((node) => node.text)).toEqual(expect.arrayContaining(["Confirm you're human", "Enter the code from the image", "Hear this code", "Get a new code"]));
    expect(screen.some((node) => node.desc === "Next")).toBe(true);
    expect(byId(screen, "like_button")).toBeUndefined();
    expect(world.watches[0]?.to).toBeTypeOf("number");
    for (let i = 0; i < 3; i++) await phone.ok("input keyevent 4");
    expect(phone.phone.frontPackage).toBe("com.instagram.android");
    expect(await phone.find({ text: "Confirm you're human" })).toBeDefined();
    expect(app.dialogShowing).toBeUndefined();
    expect(world.liked(ME).size).toBe(1);
  });

  it("banned: GK's disabled screen by default, the suspended one when asked", async () => {
    const restrictions = { [ME]: { state: "banned" as const, after: 0 } };
    const disabled = await instagramPhone(harness, { worldOptions: { restrictions } });
    await disabled.phone.ok(LAUNCH_INSTAGRAM);
    const texts = (await disabled.phone.dump()).map((node) => node.text);
    expect(texts).toEqual(expect.arrayContaining(["We disabled your account", `You no longer have access to ${ME}`, "You cannot request another review of this decision."]));
    expect(texts.some((text) => text.startsWith("Account disabled on "))).toBe(true);
    expect(await disabled.phone.find({ desc: "Log out" })).toBeDefined();
    const suspended = await instagramPhone(harness, { bannedAs: "suspended", worldOptions: { restrictions } });
    await suspended.phone.ok(LAUNCH_INSTAGRAM);
    expect(await suspended.phone.find({ text: `We suspended your account, ${ME}` })).toBeDefined();
    expect(await suspended.phone.find({ desc: "Appeal" })).toBeDefined();
  });
});
