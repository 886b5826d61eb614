import { describe, expect, it } from "vitest";
import { GALAXY_A } from "../../system/device-profile.js";
import { useHarness } from "../../testing/test-harness.js";
import { INSTAGRAM_263 } from "./builds.js";
import { LAUNCH_INSTAGRAM, byId, instagramPhone, swipeUp } from "./instagram-testing.js";

// The Reels tab for warm-up (tikmatrix-scripts.md §3.5, instagram-ui.md §1): one reel at a
// time from the world's feed, a swipe up to the next (wrapping), each shown reel watched.

const harness = useHarness();
const ME = "fake_creator";
const [FIRST, SECOND, THIRD] = ["7400000000000000001", "7400000000000000002", "7400000000000000003"];

describe("the Reels tab", () => {
  it("shows the feed's first reel with GK's ids, and turns to the next with a swipe up, wrapping after the last", async () => {
    const { phone, world } = await instagramPhone(harness);
    await phone.ok(LAUNCH_INSTAGRAM);
    await phone.tap({ id: "clips_tab", desc: "Reels" });
    let page = await phone.dump();
    expect(byId(page, "clips_tab")?.selected).toBe(true);
    expect(byId(page, "clips_author_username")?.text).toBe("nordicmilkman");
    expect(byId(page, "clips_video_container")).toBeDefined();
    expect(byId(page, "like_button")?.desc).toBe("Like");
    expect(byId(page, "like_count")).toMatchObject({ text: "1200", desc: "Like number is1200. View likes" });
    expect(byId(page, "comment_button")?.desc).toBe("Comment");
    expect(byId(page, "direct_share_button")?.desc).toBe("Share");
    expect(byId(page, "clips_ufi_more_button_component")?.desc).toBe("More");
    expect(byId(page, "comment_composer_text_view")?.text).toBe("Add comment\u2026");
    // The caption's words only in a child's content-desc of clips_caption_component, in no text.
    const caption = page.find((node) => node.desc !== "" && node.id === "" && node.cls === "android.view.ViewGroup");
    expect(byId(page, "clips_caption_component")?.text).toBe("");
    expect(caption?.desc).toBeTruthy();
    expect(caption?.desc).toBe(world.allPosts()[0]?.caption);
    expect(page.some((node) => node.text === caption?.desc)).toBe(false);
    for (const expected of ["sunny.days", "nordicmilkman", "nordicmilkman"]) {
      await swipeUp(phone);
      page = await phone.dump();
      expect(byId(page, "clips_author_username")?.text).toBe(expected);
    }
    expect(world.watches.map((watch) => watch.postId)).toEqual([FIRST, SECOND, THIRD, FIRST]);
    expect(world.watches.slice(0, 3).every((watch) => watch.to !== undefined)).toBe(true);
    expect(world.watches[3]?.to).toBeUndefined();
  });

  it("takes a swipe down back to the reel before, but not a short drag, and stops watching when another tab opens", async () => {
    const { phone, world } = await instagramPhone(harness, { profile: GALAXY_A });
    await phone.ok(LAUNCH_INSTAGRAM);
    await phone.tap({ desc: "Reels" });
    await swipeUp(phone);
    await phone.ok("input swipe 360 700 360 800 200");
    expect(byId(await phone.dump(), "clips_author_username")?.text).toBe("sunny.days");
    await phone.ok("input swipe 360 400 360 1200 300");
    expect(byId(await phone.dump(), "clips_author_username")?.text).toBe("nordicmilkman");
    await phone.tap({ desc: "Home" });
    expect(world.watches.map((watch) => watch.postId)).toEqual([FIRST, SECOND, FIRST]);
    expect(world.watches.every((watch) => watch.to !== undefined)).toBe(true);
  });

  it("likes, follows the author beside the name, saves from More, and says Sponsored on an ad", async () => {
    const { phone, world } = await instagramPhone(harness, {
      worldOptions: { feed: [{ id: "ad1", author: "sunny.days", caption: "Shop the look", ad: true }, { id: "r2", author: "nordicmilkman", caption: "Run" }] },
    });
    await phone.ok(LAUNCH_INSTAGRAM);
    await phone.tap({ desc: "Reels" });
    expect(await phone.find({ text: "Sponsored" })).toBeDefined();
    await swipeUp(phone);
    expect(await phone.find({ text: "Sponsored" })).toBeUndefined();
    await phone.tap({ id: "like_button" });
    expect(byId(await phone.dump(), "like_button")?.selected).toBe(true);
    await phone.tap({ text: "Follow" });
    expect(world.relation(ME, "nordicmilkman")).toBe("following");
    await phone.tap({ id: "clips_ufi_more_button_component" });
    await phone.tap({ text: "Save" });
    expect([...world.liked(ME)]).toEqual(["r2"]);
    expect([...world.saved(ME)]).toEqual(["r2"]);
  });

  it("is the fourth tab on 263, without the bottom comment bar", async () => {
    const { phone } = await instagramPhone(harness, { build: INSTAGRAM_263 });
    await phone.ok(LAUNCH_INSTAGRAM);
    const tabs = (await phone.dump()).filter((node) => node.id.endsWith(":id/tab_icon"));
    await phone.tap({ desc: "Reels" });
    const page = await phone.dump();
    expect(byId(page, "clips_tab")?.rect.left).toBe(tabs[3]?.rect.left);
    expect(byId(page, "comment_composer_text_view")).toBeUndefined();
    expect(byId(page, "clips_author_username")).toBeDefined();
  });
});
