import { describe, expect, it } from "vitest";
import { useHarness } from "../../testing/test-harness.js";
import { allById, byId, instagramPhone, openWhileRunning, postLink } from "./instagram-testing.js";

// A post opened by its /p/ link (tikmatrix-scripts.md §3.5): the feed layout's buttons, the
// liked and saved states as `selected`, the action bar's Follow, and watching a video post.

const harness = useHarness();
const ME = "fake_creator";
const PASTA = "7400000000000000003";

describe("a post page", () => {
  it("has GK's feed buttons by id and desc, and likes and saves the world's post: selected, desc unchanged", async () => {
    const { phone, world } = await instagramPhone(harness);
    await openWhileRunning(phone, postLink(PASTA));
    let page = await phone.dump();
    expect(byId(page, "action_bar_title")?.text).toBe("Posts");
    expect(byId(page, "row_feed_photo_profile_name")?.text).toBe("nordicmilkman");
    expect(byId(page, "row_feed_button_comment")?.desc).toBe("Comment");
    expect(byId(page, "row_feed_button_share")?.desc).toBe("Send post");
    expect(byId(page, "media_option_button")?.desc).toBe("More actions for this post");
    expect(page.some((node) => node.text === "16,900 likes")).toBe(true);
    await phone.tap({ id: "row_feed_button_like" });
    await phone.tap({ id: "row_feed_button_save" });
    expect(world.liked(ME).has(PASTA)).toBe(true);
    expect(world.saved(ME).has(PASTA)).toBe(true);
    page = await phone.dump();
    expect(byId(page, "row_feed_button_like")).toMatchObject({ desc: "Like", selected: true });
    expect(byId(page, "row_feed_button_save")).toMatchObject({ desc: "Add to Saved", selected: true });
    expect(page.some((node) => node.text === "16,901 likes")).toBe(true);
    // A second tap on each takes it back.
    await phone.tap({ id: "row_feed_button_like" });
    await phone.tap({ id: "row_feed_button_save" });
    expect(world.liked(ME).size + world.saved(ME).size).toBe(0);
  });

  it("follows the author from the action bar's follow_button, and opens the author's profile from the name", async () => {
    const { phone, world } = await instagramPhone(harness);
    await openWhileRunning(phone, postLink(PASTA));
    expect(byId(await phone.dump(), "action_bar_overflow_text")?.text).toBe("Follow");
    await phone.tap({ id: "follow_button" });
    expect(world.relation(ME, "nordicmilkman")).toBe("following");
    expect(byId(await phone.dump(), "action_bar_overflow_text")?.text).toBe("Following");
    await phone.tap({ id: "row_feed_photo_profile_name" });
    expect(byId(await phone.dump(), "profile_header_follow_button")?.text).toBe("Following");
  });

  it("watches a video post while it shows and stops when the page is left", async () => {
    const { phone, world } = await instagramPhone(harness);
    await openWhileRunning(phone, postLink(PASTA));
    expect(world.watches).toEqual([expect.objectContaining({ account: ME, postId: PASTA, to: undefined })]);
    await phone.ok("input keyevent 4");
    expect(world.watches[0]?.to).toBeTypeOf("number");
    expect(world.watches).toHaveLength(1);
  });

  it("does not watch a photo post, marks an ad Sponsored, and has no like button on a LIVE", async () => {
    const { phone, world } = await instagramPhone(harness, {
      photoPosts: ["photo1"],
      worldOptions: {
        posts: [
          { id: "photo1", author: "sunny.days", caption: "Sunset" },
          { id: "ad1", author: "sunny.days", caption: "Buy now", ad: true },
          { id: "live1", author: "sunny.days", caption: "Live now", live: true },
        ],
      },
    });
    await openWhileRunning(phone, postLink("photo1"));
    expect(world.watches).toEqual([]);
    await phone.ok(`am start -a android.intent.action.VIEW -d ${postLink("ad1")} com.instagram.android`);
    expect((await phone.dump()).some((node) => node.text === "Sponsored")).toBe(true);
    await phone.ok(`am start -a android.intent.action.VIEW -d ${postLink("live1")} com.instagram.android`);
    const live = await phone.dump();
    expect(allById(live, "row_feed_button_like")).toEqual([]);
    expect(byId(live, "row_feed_button_comment")).toBeDefined();
  });
});
