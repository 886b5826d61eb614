import { describe, expect, it } from "vitest";
import { type PhoneShell, useHarness } from "../../testing/test-harness.js";
import { SocialWorld } from "../social-world.js";
import { TIKTOK_43 } from "./builds.js";
import { LAUNCH_TIKTOK, tiktokId, tiktokPhone } from "./tiktok-testing.js";

// The search's Users tab (TAKT followers.py: `lnp`, `ye2`, `xf0`, `rdh`) and Videos tab (the
// world's posts by caption, opening the video page for warm-up by topic).

const harness = useHarness();
const id = (element: Parameters<typeof tiktokId>[1]) => tiktokId(TIKTOK_43, element);
const ME = "fake_creator";

async function search(phone: PhoneShell, query: string, tab?: string): Promise<void> {
  await phone.ok(LAUNCH_TIKTOK);
  await phone.tap({ id: "irz" });
  await phone.ok(`input text '${query}'`);
  await phone.tap({ id: "y61" });
  if (tab !== undefined) await phone.tap({ text: tab });
}

function world(): SocialWorld {
  return new SocialWorld({
    users: [
      { username: "nordicmilkman", fullName: "Nordic Milkman" },
      { username: "milky.way", fullName: "Milky Way" },
      { username: "sunny.days", fullName: "Sunny Milk Days" },
      { username: "quiet_cook", fullName: "Quiet Cook", private: true },
    ],
    feed: [
      { id: "1", author: "nordicmilkman", caption: "Morning run #fyp" },
      { id: "2", author: "sunny.days", caption: "Beach day" },
    ],
    posts: [{ id: "3", author: "milky.way", caption: "Evening RUN by the sea" }],
  });
}

describe("TikTok's search for users", () => {
  it("does not list users on Top; Users lists those whose username or full name holds the query, as TAKT's rows", async () => {
    const { phone } = await tiktokPhone(harness, { world: world() });
    await search(phone, "milk");
    expect((await phone.dump()).some((node) => node.id === id("searchUserName"))).toBe(false);
    await phone.tap({ text: "Users" });
    const nodes = await phone.dump();
    expect(nodes.find((node) => node.id.endsWith(":id/lnp"))?.cls).toBe("androidx.recyclerview.widget.RecyclerView");
    expect(nodes.filter((node) => node.id.endsWith(":id/ye2")).map((node) => node.text)).toEqual(["nordicmilkman", "milky.way", "sunny.days"]);
    const rows = nodes.filter((node) => node.id === id("searchUserRow"));
    expect(rows.every((row) => row.cls === "android.widget.Button" && row.clickable)).toBe(true);
    expect(nodes.filter((node) => node.id.endsWith(":id/xf0")).every((node) => /^[\d.]+K? followers?$/.test(node.text))).toBe(true);
    expect(nodes.filter((node) => node.id.endsWith(":id/rdh")).map((node) => node.text)).toEqual(["Follow", "Follow", "Follow"]);
  });

  it("follows from the row's button, unfollows through the sheet, and opens the profile from the row", async () => {
    const w = world();
    const { app, phone } = await tiktokPhone(harness, { world: w });
    await search(phone, "Milky", "Users");
    await phone.tap({ id: "rdh", text: "Follow" });
    expect(w.relation(ME, "milky.way")).toBe("following");
    expect((await phone.find({ id: "rdh" }))?.text).toBe("Following");
    await phone.tap({ id: "rdh", text: "Following" });
    await phone.tap({ text: "Unfollow" });
    expect(w.relation(ME, "milky.way")).toBe("none");
    await phone.tap({ id: "ye2", text: "milky.way" });
    expect(app.screenName).toBe("user:milky.way");
    expect((await phone.find({ id: "qh5" }))?.text).toBe("@milky.way");
    await phone.ok("input keyevent 4");
    expect(app.screenName).toBe("search");
  });

  it("says No results found on Users for a name nobody has", async () => {
    const { phone } = await tiktokPhone(harness, { world: world() });
    await search(phone, "zzzz", "Users");
    expect(await phone.find({ text: "No results found" })).toBeDefined();
  });
});

describe("TikTok's search for videos", () => {
  it("lists posts by caption (feed and link-only) and opens the video page there, the next result a swipe up away, stopping at the last", async () => {
    const w = world();
    const { app, phone } = await tiktokPhone(harness, { world: w });
    await search(phone, "run", "Videos");
    const cells = (await phone.dump()).filter((node) => node.id === id("searchVideoCell"));
    expect(cells).toHaveLength(2);
    expect((await phone.dump()).filter((node) => node.id === id("searchVideoCaption")).map((node) => node.text)).toEqual(["Morning run #fyp", "Evening RUN by the sea"]);
    await phone.tap({ id: id("searchVideoCell") });
    expect(app.screenName).toMatch(/^video:/);
    expect((await phone.find({ id: id("videoCaption") }))?.text).toBe("Morning run #fyp");
    await phone.ok("input swipe 540 1700 540 700 200");
    expect((await phone.find({ id: id("videoCaption") }))?.text).toBe("Evening RUN by the sea");
    await phone.ok("input swipe 540 1700 540 700 200");
    expect((await phone.find({ id: id("videoCaption") }))?.text).toBe("Evening RUN by the sea");
    expect(w.watches.map((watch) => watch.postId).slice(-2)).toEqual(["1", "3"]);
    await phone.ok("input keyevent 4");
    expect(app.screenName).toBe("search");
    expect(w.watches.at(-1)?.to).toBeTypeOf("number");
  });
});
