import { describe, expect, it } from "vitest";
import { useHarness } from "../../testing/test-harness.js";
import { SocialWorld } from "../social-world.js";
import { TIKTOK_43 } from "./builds.js";
import { TIKTOK_PACKAGE } from "./tiktok-app.js";
import { LAUNCH_TIKTOK, tiktokId, tiktokPhone } from "./tiktok-testing.js";

// A video by link (TKT43: DetailActivity), short links through TikTokOptions.shortLinks, the
// unavailable page (GUESS), and the watch while the page is in front.

const harness = useHarness();
const id = (element: Parameters<typeof tiktokId>[1]) => tiktokId(TIKTOK_43, element);
const ME = "fake_creator";
const view = (url: string) => `am start -W -a android.intent.action.VIEW -d '${url}' ${TIKTOK_PACKAGE}`;
const HIDDEN = "7500000000000000009";

function world(): SocialWorld {
  return new SocialWorld({ posts: [{ id: HIDDEN, author: "sunny.days", caption: "Only by link", likes: 5 }] });
}

async function running(options: { shortLinks?: Record<string, string> } = {}) {
  const w = world();
  const { app, phone } = await tiktokPhone(harness, { world: w, ...options });
  await phone.ok(LAUNCH_TIKTOK);
  return { app, phone, world: w };
}

describe("a video by link", () => {
  it("opens DetailActivity at the post, with the feed's controls, Back and the Message... bar", async () => {
    const { app, phone, world: w } = await running();
    await phone.ok(view(`https://www.tiktok.com/@sunny.days/video/${HIDDEN}?is_from_webapp=1`));
    expect(await phone.ok("dumpsys window windows")).toContain("com.ss.android.ugc.aweme.detail.ui.DetailActivity");
    const nodes = await phone.dump();
    expect(nodes.find((node) => node.id.endsWith(":id/title"))?.text).toBe("sunny.days");
    expect(nodes.find((node) => node.id.endsWith(":id/desc"))?.text).toBe("Only by link");
    expect(nodes.find((node) => node.id.endsWith(":id/f57"))?.desc).toBe("Like video. 5 likes");
    expect(nodes.find((node) => node.id.endsWith(":id/qwx"))).toMatchObject({ cls: "android.widget.EditText", text: "Message..." });
    expect(nodes.some((node) => node.desc === "Back")).toBe(true);
    // The feed's watch ended when the page came up; the page's own runs until Back.
    expect(w.watches.map((watch) => [watch.postId, watch.to === undefined])).toEqual([
      ["7400000000000000001", false],
      [HIDDEN, true],
    ]);
    await phone.tap({ id: "f57" });
    expect(w.liked(ME).has(HIDDEN)).toBe(true);
    expect((await phone.find({ id: "f57" }))?.desc).toBe("Like video. 6 likes");
    await phone.tap({ desc: "Back" });
    expect(app.screenName).toBe("home");
    expect(w.watches.map((watch) => watch.postId)).toEqual(["7400000000000000001", HIDDEN, "7400000000000000001"]);
    expect(w.watches[1]?.to).toBeTypeOf("number");
  });

  it("takes /photo/ links and m.tiktok.com too; a single post does not move on a swipe", async () => {
    const { phone } = await running();
    await phone.ok(view(`https://m.tiktok.com/@nordicmilkman/photo/7400000000000000003/`));
    expect((await phone.find({ id: id("videoCaption") }))?.text).toBe("Cooking pasta");
    const pager = await phone.find({ id: id("videoPager") });
    expect(pager?.scrollable).toBe(false);
    await phone.ok(`input swipe 540 1600 540 600 200`);
    expect((await phone.find({ id: id("videoCaption") }))?.text).toBe("Cooking pasta");
  });

  it("resolves vm. and vt. short links through shortLinks; an unknown video is a page saying so", async () => {
    const { phone } = await running({ shortLinks: { ZMabc123: HIDDEN, ZTgone99: "7999999999999999999" } });
    await phone.ok(view("https://vm.tiktok.com/ZMabc123/"));
    expect((await phone.find({ id: id("videoCaption") }))?.text).toBe("Only by link");
    await phone.ok("input keyevent 4");
    await phone.ok(view("https://vt.tiktok.com/ZTgone99/"));
    expect(await phone.find({ text: "Video currently unavailable" })).toBeDefined();
    expect(await phone.find({ id: "f57" })).toBeUndefined();
    await phone.ok("input keyevent 4");
    await phone.ok(view("https://www.tiktok.com/@x/video/7000000000000000000"));
    expect(await phone.find({ text: "Video currently unavailable" })).toBeDefined();
  });

  it("follows the creator from the +, which is gone after; typing into the Message... bar sends nothing", async () => {
    const { phone, world: w } = await running();
    await phone.ok(view(`https://www.tiktok.com/@sunny.days/video/${HIDDEN}`));
    await phone.tap({ desc: "Follow sunny.days" });
    expect(w.following(ME).has("sunny.days")).toBe(true);
    expect(await phone.find({ id: "hi1" })).toBeUndefined();
    await phone.tap({ id: "qwx" });
    await phone.ok("input text hello");
    await phone.ok("input keyevent 66");
    expect((await phone.find({ id: "qwx" }))?.text).toBe("hello");
    expect(w.comments).toEqual([]);
  });
});
