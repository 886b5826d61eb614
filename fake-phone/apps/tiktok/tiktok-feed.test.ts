import { describe, expect, it } from "vitest";
import { GALAXY_A } from "../../system/device-profile.js";
import { type PhoneShell, useHarness } from "../../testing/test-harness.js";
import { SocialWorld } from "../social-world.js";
import { TIKTOK_35, TIKTOK_43, TIKTOK_46 } from "./builds.js";
import { LAUNCH_TIKTOK, tiktokId, tiktokPhone } from "./tiktok-testing.js";

// The For You feed (GK v43 dumps): the world's feed one post at a time, a swipe up to the next
// (wrapping round), each post watched while on screen; ads and LIVEs; the home's own elements.

const harness = useHarness();
const id = (element: Parameters<typeof tiktokId>[1]) => tiktokId(TIKTOK_43, element);
const ME = "fake_creator";

function world(): SocialWorld {
  return new SocialWorld({
    feed: [
      { id: "7400000000000000001", author: "nordicmilkman", caption: "Morning run #fyp", likes: 169_200 },
      { id: "7400000000000000002", author: "sunny.days", caption: "Try the new blender", likes: 10, ad: true },
      { id: "7400000000000000003", author: "sunny.days", caption: "Live from the beach", live: true },
    ],
  });
}

/** Swipes up over the middle of the feed, as far as `dy` device pixels. */
async function swipeUp(phone: PhoneShell, dy = 600): Promise<void> {
  const pager = await phone.find({ id: id("videoPager") });
  const x = pager?.centre.x ?? 0;
  const y = pager?.centre.y ?? 0;
  await phone.ok(`input swipe ${x} ${y + dy / 2} ${x} ${y - dy / 2} 200`);
}

describe("TikTok's For You feed", () => {
  it("shows the world's first post with GK's controls, and keeps the home's search, tabs and nav bar", async () => {
    const { phone } = await tiktokPhone(harness, { world: world() });
    await phone.ok(LAUNCH_TIKTOK);
    const nodes = await phone.dump();
    expect(nodes.find((node) => node.id === id("videoAuthor"))).toMatchObject({ text: "nordicmilkman", cls: "android.widget.Button" });
    expect(nodes.find((node) => node.id.endsWith(":id/desc"))?.text).toBe("Morning run #fyp");
    expect(nodes.find((node) => node.id.endsWith(":id/yx4"))?.desc).toBe("nordicmilkman profile");
    expect(nodes.find((node) => node.id.endsWith(":id/hi1"))).toMatchObject({ desc: "Follow nordicmilkman", clickable: true });
    // Like and share have the same id; the like comes first.
    const f57 = nodes.filter((node) => node.id.endsWith(":id/f57"));
    expect(f57.map((node) => node.desc)).toEqual([expect.stringMatching(/^Like video\. 169\.2K likes$/), expect.stringMatching(/^Share video\. [\d,.K]+ shares?$/)]);
    expect(nodes.find((node) => node.id.endsWith(":id/dtv"))?.desc).toMatch(/^Read or add comments\. \d+ comments$/);
    expect(nodes.find((node) => node.id.endsWith(":id/guh"))).toMatchObject({ desc: "Add or remove this video from Favorites.", clickable: false });
    expect(nodes.find((node) => node.id.endsWith(":id/irz"))?.desc).toBe("Search");
    expect(nodes.some((node) => node.text === "For You")).toBe(true);
    expect(nodes.some((node) => node.desc === "Create")).toBe(true);
    expect(nodes.find((node) => node.id === id("videoPager"))?.scrollable).toBe(true);
  });

  it("moves to the next post on a swipe up past the touch slop, not within it, and wraps round after the last", async () => {
    const w = world();
    const { phone } = await tiktokPhone(harness, { world: w });
    await phone.ok(LAUNCH_TIKTOK);
    expect(w.watches.map((watch) => watch.postId)).toEqual(["7400000000000000001"]);
    // 8 dp on a Pixel 7 is 21 px: a 20 px drag does not move the pager.
    await swipeUp(phone, 20);
    expect((await phone.find({ id: id("videoAuthor") }))?.text).toBe("nordicmilkman");
    await swipeUp(phone);
    expect((await phone.find({ id: id("videoCaption") }))?.text).toBe("Try the new blender");
    await swipeUp(phone);
    await swipeUp(phone);
    expect((await phone.find({ id: id("videoCaption") }))?.text).toBe("Morning run #fyp");
    expect(w.watches.map((watch) => watch.postId)).toEqual(["7400000000000000001", "7400000000000000002", "7400000000000000003", "7400000000000000001"]);
    expect(w.watches.slice(0, 3).every((watch) => watch.account === ME && watch.to !== undefined && watch.to >= watch.from)).toBe(true);
    expect(w.watches[3]?.to).toBeUndefined();
    // Leaving the feed ends the watch.
    await phone.tap({ desc: "Profile" });
    expect(w.watches[3]?.to).toBeTypeOf("number");
  });

  it("shows an ad's Sponsored and Learn more, and a LIVE's badge without a like button", async () => {
    const { phone } = await tiktokPhone(harness, { world: world(), profile: GALAXY_A });
    await phone.ok(LAUNCH_TIKTOK);
    expect(await phone.find({ text: "Sponsored" })).toBeUndefined();
    await swipeUp(phone, 400);
    const ad = await phone.dump();
    expect(ad.some((node) => node.text === "Sponsored")).toBe(true);
    expect(ad.find((node) => node.text === "Learn more")?.clickable).toBe(true);
    await swipeUp(phone, 400);
    const live = await phone.dump();
    expect(live.some((node) => node.text === "LIVE")).toBe(true);
    expect(live.some((node) => node.desc.startsWith("Like video"))).toBe(false);
  });

  it("likes with selected=true and the desc unchanged, and saves and unsaves through the unclickable Favorites button, which shows no state", async () => {
    const w = world();
    const { phone } = await tiktokPhone(harness, { world: w });
    await phone.ok(LAUNCH_TIKTOK);
    await phone.tap({ id: "f57" });
    const like = await phone.find({ id: "f57" });
    expect(like).toMatchObject({ selected: true, desc: "Like video. 169.2K likes" });
    expect(w.liked(ME).has("7400000000000000001")).toBe(true);
    const before = await phone.find({ id: "gtv" });
    await phone.tap({ id: "guh" });
    expect(w.saved(ME).has("7400000000000000001")).toBe(true);
    const after = await phone.dump();
    expect(after.find((node) => node.id.endsWith(":id/guh"))?.selected).toBe(false);
    // Its count is the only trace (PF), and at "27.9K" one more save does not show either.
    expect(before?.text).toBe("27.9K");
    expect(after.find((node) => node.id.endsWith(":id/gtv"))?.text).toBe("27.9K");
    await phone.tap({ id: "guh" });
    expect(w.saved(ME).has("7400000000000000001")).toBe(false);
    // The "+" follows the creator and is gone after.
    await phone.tap({ desc: "Follow nordicmilkman" });
    expect(w.relation(ME, "nordicmilkman")).toBe("following");
    expect(await phone.find({ desc: "Follow nordicmilkman" })).toBeUndefined();
  });

  it("opens the creator's profile from the avatar, and comes back to the same post", async () => {
    const { app, phone } = await tiktokPhone(harness, { world: world() });
    await phone.ok(LAUNCH_TIKTOK);
    await swipeUp(phone);
    await phone.tap({ desc: "sunny.days profile" });
    expect(app.screenName).toBe("user:sunny.days");
    expect((await phone.find({ id: "qh5" }))?.text).toBe("@sunny.days");
    await phone.ok("input keyevent 4");
    expect((await phone.find({ id: id("videoCaption") }))?.text).toBe("Try the new blender");
  });

  it("has no recorded ids on 46 (descs only), and 35's caption is still :id/desc", async () => {
    const { phone } = await tiktokPhone(harness, { world: world(), build: TIKTOK_46 });
    await phone.ok(LAUNCH_TIKTOK);
    const nodes = await phone.dump();
    const like = nodes.find((node) => node.desc.startsWith("Like video."));
    expect(like?.id).toBe(tiktokId(TIKTOK_46, "videoLike"));
    expect(like?.id.endsWith(":id/f57")).toBe(false);
    const { phone: old } = await tiktokPhone(harness, { world: world(), build: TIKTOK_35 });
    await old.ok(LAUNCH_TIKTOK);
    expect((await old.find({ id: "desc" }))?.text).toBe("Morning run #fyp");
  });
});
