import { describe, expect, it } from "vitest";
import { useHarness } from "../../testing/test-harness.js";
import { INSTAGRAM_263 } from "./builds.js";
import { LAUNCH_INSTAGRAM, allById, byId, instagramPhone, swipeUp } from "./instagram-testing.js";

// Search (tikmatrix-scripts.md §3.4): the tab, the box, keyword rows before user rows, a user
// row opening the profile; a topic searched with ENTER reaching a viewer of matching reels.

const harness = useHarness();
const ME = "fake_creator";

describe("search and explore", () => {
  it("lists a keyword row first, then the users matching the query; a user row opens the profile", async () => {
    const { phone, world } = await instagramPhone(harness);
    await phone.ok(LAUNCH_INSTAGRAM);
    await phone.tap({ id: "search_tab", desc: "Search and explore" });
    expect(byId(await phone.dump(), "action_bar_search_edit_text")?.text).toBe("Search with Meta AI");
    await phone.tap({ id: "action_bar_search_edit_text" });
    expect(phone.phone.imes.shown).toBe(true);
    await phone.ok("input text sunny");
    const rows = await phone.dump();
    const keyword = byId(rows, "row_search_keyword_title");
    const user = byId(rows, "row_search_user_username");
    expect(keyword?.text).toBe("sunny");
    expect(user?.text).toBe("sunny.days");
    expect(byId(rows, "row_search_user_fullname")?.text).toBe("Sunny Days");
    expect(keyword?.rect.top).toBeLessThan(user?.rect.top ?? 0);
    expect(allById(rows, "row_search_user_container")).toHaveLength(1);
    await phone.tap({ id: "row_search_user_container" });
    expect(byId(await phone.dump(), "action_bar_title")?.text).toBe("sunny.days");
    await phone.tap({ id: "profile_header_follow_button" });
    expect(world.relation(ME, "sunny.days")).toBe("following");
  });

  it("matches full names too, and has a plain Search hint on 263", async () => {
    const { phone } = await instagramPhone(harness, { build: INSTAGRAM_263 });
    await phone.ok(LAUNCH_INSTAGRAM);
    await phone.tap({ desc: "Search and explore" });
    await phone.tap({ text: "Search" });
    await phone.ok("input text cook");
    expect(allById(await phone.dump(), "row_search_user_username").map((node) => node.text)).toEqual(["quiet_cook"]);
  });

  it("searches a topic with ENTER: a grid of the posts whose caption has it, whose tile opens a viewer that swipes through them", async () => {
    const { phone, world } = await instagramPhone(harness, {
      worldOptions: {
        feed: [
          { id: "a", author: "nordicmilkman", caption: "Cooking pasta" },
          { id: "b", author: "sunny.days", caption: "Beach day" },
          { id: "c", author: "sunny.days", caption: "Slow cooking" },
        ],
      },
    });
    await phone.ok(LAUNCH_INSTAGRAM);
    await phone.tap({ desc: "Search and explore" });
    await phone.tap({ id: "action_bar_search_edit_text" });
    await phone.ok("input text COOKING");
    await phone.ok("input keyevent 66");
    expect(phone.phone.imes.shown).toBe(false);
    const tiles = allById(await phone.dump(), "image_button");
    expect(tiles.map((node) => node.desc)).toEqual(["Reel by nordicmilkman at Row 1, Column 1", "Reel by sunny.days at Row 1, Column 2"]);
    await phone.ok(`input tap ${tiles[0]?.centre.x} ${tiles[0]?.centre.y}`);
    expect(byId(await phone.dump(), "clips_author_username")?.text).toBe("nordicmilkman");
    await swipeUp(phone);
    expect(byId(await phone.dump(), "clips_author_username")?.text).toBe("sunny.days");
    await phone.tap({ id: "like_button" });
    expect(world.watches.map((watch) => watch.postId)).toEqual(["a", "c"]);
    expect([...world.liked(ME)]).toEqual(["c"]);
  });

  it("says No results found for a topic no caption has", async () => {
    const { phone } = await instagramPhone(harness);
    await phone.ok(LAUNCH_INSTAGRAM);
    await phone.tap({ desc: "Search and explore" });
    await phone.tap({ id: "action_bar_search_edit_text" });
    await phone.ok("input text zzzz");
    await phone.tap({ id: "row_search_keyword_title" });
    const page = await phone.dump();
    expect(page.some((node) => node.text === "No results found")).toBe(true);
    expect(allById(page, "image_button")).toEqual([]);
  });
});
