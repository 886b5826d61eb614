import { describe, expect, it } from "vitest";
import { useHarness } from "../../testing/test-harness.js";
import { allById, byId, instagramPhone, openWhileRunning, profileLink } from "./instagram-testing.js";

// Another user's profile (tikmatrix-scripts.md §3.2–3.3): follow by the header's id, the
// private profile's "Suggested for you" pitfall, and unfollow through the sheet (and the
// private account's confirm).

const harness = useHarness();
const ME = "fake_creator";

describe("another user's profile", () => {
  it("shows GK's header: the username, Back, Options, the full name, counts with run-together descs, Follow and Message", async () => {
    const { phone } = await instagramPhone(harness);
    await openWhileRunning(phone, profileLink("nordicmilkman"));
    const page = await phone.dump();
    expect(byId(page, "action_bar_title")).toMatchObject({ text: "nordicmilkman", desc: "nordicmilkman" });
    expect(page.some((node) => node.desc === "Back" && node.clickable)).toBe(true);
    expect(page.some((node) => node.desc === "Options" && node.clickable)).toBe(true);
    expect(byId(page, "profile_header_full_name_above_vanity")?.text).toBe("Nordic Milkman");
    expect(byId(page, "profile_header_post_count_front_familiar")?.desc).toBe("2posts");
    expect(byId(page, "profile_header_familiar_post_count_value")?.text).toBe("2");
    expect(byId(page, "profile_header_followers_stacked_familiar")?.desc).toMatch(/^\d+followers$/);
    const follow = byId(page, "profile_header_follow_button");
    expect(follow).toMatchObject({ cls: "android.widget.Button", text: "Follow", desc: "Follow Nordic Milkman", clickable: true });
    expect(byId(page, "profile_header_user_action_follow_button")).toBeDefined();
    expect(byId(page, "button_container")?.desc).toBe("Message");
    expect(allById(page, "image_button").map((node) => node.desc)).toEqual(["Reel by nordicmilkman at Row 1, Column 1", "Reel by nordicmilkman at Row 1, Column 2"]);
  });

  it("follows a public user by the header's button, then reads Following and counts one more follower", async () => {
    const { phone, world } = await instagramPhone(harness);
    await openWhileRunning(phone, profileLink("sunny.days"));
    const before = Number(byId(await phone.dump(), "profile_header_familiar_followers_value")?.text);
    await phone.tap({ id: "profile_header_follow_button" });
    expect(world.relation(ME, "sunny.days")).toBe("following");
    const page = await phone.dump();
    expect(byId(page, "profile_header_follow_button")?.text).toBe("Following");
    expect(Number(byId(page, "profile_header_familiar_followers_value")?.text)).toBe(before + 1);
    // The follow opened the suggestions under the header: more Follow buttons that follow others.
    expect(page.some((node) => node.text === "Suggested for you")).toBe(true);
    expect(allById(page, "suggested_user_card_follow_button").length).toBeGreaterThan(0);
  });

  it("on a private profile shows a full-width Follow, the notice, and suggestions whose Follow buttons follow other users", async () => {
    const { phone, world } = await instagramPhone(harness);
    await openWhileRunning(phone, profileLink("quiet_cook"));
    const page = await phone.dump();
    expect(byId(page, "row_profile_header_empty_profile_notice_title")?.text).toBe("This account is private");
    expect(byId(page, "row_profile_header_empty_profile_notice_subtitle")?.text).toBe("Follow this account to see their photos and videos.");
    expect(byId(page, "button_container")).toBeUndefined();
    expect(allById(page, "image_button")).toEqual([]);
    const header = byId(page, "profile_header_follow_button");
    expect(header?.rect.right).toBeGreaterThan((header?.rect.left ?? 0) + phone.phone.profile.screen.width * 0.8);
    const cards = allById(page, "suggested_user_card_follow_button");
    expect(cards.map((node) => [node.text, node.desc])).toEqual([
      ["Follow", "Follow Nordic Milkman"],
      ["Follow", "Follow Sunny Days"],
    ]);
    // The pitfall: the first bare "Follow" below the header is a suggestion's.
    await phone.ok(`input tap ${cards[0]?.centre.x} ${cards[0]?.centre.y}`);
    expect(world.relation(ME, "nordicmilkman")).toBe("following");
    expect(world.relation(ME, "quiet_cook")).toBe("none");
    await phone.tap({ id: "profile_header_follow_button" });
    expect(world.relation(ME, "quiet_cook")).toBe("requested");
    expect(world.requested(ME).has("quiet_cook")).toBe(true);
    expect(byId(await phone.dump(), "profile_header_follow_button")?.text).toBe("Requested");
  });

  it("unfollows a public user through the sheet's follow_sheet_unfollow_row, among the other rows", async () => {
    const { phone, world, app } = await instagramPhone(harness, { worldOptions: { following: { [ME]: ["nordicmilkman"] } } });
    await openWhileRunning(phone, profileLink("nordicmilkman"));
    await phone.tap({ id: "profile_header_follow_button", text: "Following" });
    expect(app.dialogShowing).toBe("nordicmilkman");
    const sheet = await phone.dump();
    expect(sheet.map((node) => node.text).filter((text) => text !== "")).toEqual(["nordicmilkman", "Add to Close Friends list", "Add to favorites", "Mute", "Restrict", "Unfollow"]);
    expect(byId(sheet, "follow_sheet_mute_row")?.text).toBe("Mute");
    await phone.tap({ id: "follow_sheet_unfollow_row" });
    expect(world.following(ME).has("nordicmilkman")).toBe(false);
    expect(app.dialogShowing).toBeUndefined();
    expect(byId(await phone.dump(), "profile_header_follow_button")?.text).toBe("Follow");
  });

  it("asks before unfollowing a private account: dialog_body, then primary_button Unfollow; Cancel keeps the follow", async () => {
    const { phone, world } = await instagramPhone(harness, { worldOptions: { following: { [ME]: ["quiet_cook"] } } });
    await openWhileRunning(phone, profileLink("quiet_cook"));
    expect(byId(await phone.dump(), "row_profile_header_empty_profile_notice_title")).toBeUndefined();
    for (const answer of ["auxiliary_button", "primary_button"]) {
      await phone.tap({ id: "profile_header_follow_button" });
      await phone.tap({ id: "follow_sheet_unfollow_row" });
      const dialog = await phone.dump();
      expect(byId(dialog, "dialog_body")?.text).toContain("request to follow quiet_cook again");
      expect(byId(dialog, "primary_button")?.text).toBe("Unfollow");
      expect(world.following(ME).has("quiet_cook")).toBe(true);
      await phone.tap({ id: answer });
    }
    expect(world.relation(ME, "quiet_cook")).toBe("none");
  });

  it("withdraws a request with a tap on Requested", async () => {
    const { phone, world } = await instagramPhone(harness);
    await openWhileRunning(phone, profileLink("quiet_cook"));
    await phone.tap({ id: "profile_header_follow_button" });
    await phone.tap({ id: "profile_header_follow_button", text: "Requested" });
    expect(world.relation(ME, "quiet_cook")).toBe("none");
  });
});
