import { describe, expect, it } from "vitest";
import { useHarness } from "../../testing/test-harness.js";
import { SocialWorld } from "../social-world.js";
import { TIKTOK_43 } from "./builds.js";
import { TIKTOK_PACKAGE } from "./tiktok-app.js";
import { LAUNCH_TIKTOK, tiktokId, tiktokPhone } from "./tiktok-testing.js";

// Another user's profile by link (VED, TTJ) as TKT43 dumped it, follow, the unfollow sheet (no
// source: the harder case), private and missing accounts.

const harness = useHarness();
const id = (element: Parameters<typeof tiktokId>[1]) => tiktokId(TIKTOK_43, element);
const ME = "fake_creator";
const view = (url: string) => `am start -W -a android.intent.action.VIEW -d '${url}' ${TIKTOK_PACKAGE}`;

async function running(world = new SocialWorld()) {
  const { app, phone } = await tiktokPhone(harness, { world });
  await phone.ok(LAUNCH_TIKTOK);
  return { app, phone, world };
}

describe("another user's profile by link", () => {
  it("opens from www., m. and bare tiktok.com links, with a trailing / or a query", async () => {
    const { app, phone } = await running();
    for (const url of ["https://www.tiktok.com/@nordicmilkman", "https://m.tiktok.com/@nordicmilkman/", "https://tiktok.com/@nordicmilkman?lang=en", "https://www.tiktok.com/@NordicMilkman/?is_from_webapp=1&sender_device=pc"]) {
      await phone.ok(view(url));
      expect((await phone.find({ id: "qh5" }))?.text, url).toBe("@nordicmilkman");
      await phone.ok("input keyevent 4");
    }
    expect(app.screenName).toBe("home");
  });

  it("drops the link when TikTok was not running", async () => {
    const { app, phone } = await tiktokPhone(harness);
    await phone.ok(view("https://www.tiktok.com/@nordicmilkman"));
    expect(app.screenName).toBe("home");
    expect(await phone.find({ id: "qh5" })).toBeUndefined();
  });

  it("shows TKT43's header, counters and Follow (eme, a TextView), and Message", async () => {
    const { phone } = await running();
    await phone.ok(view("https://www.tiktok.com/@nordicmilkman"));
    const nodes = await phone.dump();
    expect(nodes.find((node) => node.id === id("profileUsername"))).toMatchObject({ cls: "android.widget.Button", text: "@nordicmilkman" });
    expect(nodes.some((node) => node.cls === "android.widget.Button" && node.text === "Nordic Milkman")).toBe(true);
    expect(nodes.filter((node) => node.id.endsWith(":id/qfv")).map((node) => node.text)).toEqual(["Following", "Followers", "Likes"]);
    expect(nodes.filter((node) => node.id.endsWith(":id/qfw"))).toHaveLength(3);
    expect(nodes.find((node) => node.id.endsWith(":id/eme"))).toMatchObject({ cls: "android.widget.TextView", text: "Follow", clickable: true });
    expect(nodes.some((node) => node.text === "Message")).toBe(true);
    for (const desc of ["Back", "Notifications", "Share"]) expect(nodes.some((node) => node.desc === desc), desc).toBe(true);
    expect(nodes.find((node) => node.desc === "Videos")).toMatchObject({ selected: true });
  });

  it("follows on Follow: eme then reads Message beside a Following button, and only the sheet's Unfollow row unfollows", async () => {
    const { app, phone, world } = await running();
    await phone.ok(view("https://www.tiktok.com/@nordicmilkman"));
    await phone.tap({ id: "eme", text: "Follow" });
    expect(world.relation(ME, "nordicmilkman")).toBe("following");
    expect((await phone.find({ id: "eme" }))?.text).toBe("Message");
    expect(await phone.find({ text: "Follow" })).toBeUndefined();
    // The counter's label reads "Following" too, and comes first: the button is the clickable one.
    await phone.tap({ text: "Following", clickable: true });
    expect(app.dialogShowing).toBe("@nordicmilkman");
    expect(world.relation(ME, "nordicmilkman")).toBe("following");
    // BACK closes the sheet and keeps the follow.
    await phone.ok("input keyevent 4");
    expect(world.relation(ME, "nordicmilkman")).toBe("following");
    await phone.tap({ text: "Following", clickable: true });
    await phone.tap({ text: "Unfollow", clickable: true });
    expect(world.relation(ME, "nordicmilkman")).toBe("none");
    expect((await phone.find({ id: "eme" }))?.text).toBe("Follow");
  });

  it("says Follower for one follower: our follow of a user without any", async () => {
    // solo139314's follower count, drawn from the name, is 0 (seeded("followers:solo139314") === 0).
    const world = new SocialWorld({ users: [{ username: "solo139314" }] });
    const { phone } = await running(world);
    await phone.ok(view("https://www.tiktok.com/@solo139314"));
    const counter = async () => (await phone.dump()).filter((node) => node.id.endsWith(":id/qfw") || node.id.endsWith(":id/qfv")).map((node) => node.text).slice(2, 4);
    expect(await counter()).toEqual(["0", "Followers"]);
    await phone.tap({ id: "eme", text: "Follow" });
    expect(await counter()).toEqual(["1", "Follower"]);
  });

  it("asks a private account (Requested, This account is private) and withdraws the request on Requested", async () => {
    const { phone, world } = await running();
    await phone.ok(view("https://www.tiktok.com/@quiet_cook"));
    const nodes = await phone.dump();
    expect(nodes.some((node) => node.text.includes("private"))).toBe(true);
    expect(nodes.some((node) => node.desc === "Videos")).toBe(false);
    await phone.tap({ id: "eme", text: "Follow" });
    expect(world.requested(ME).has("quiet_cook")).toBe(true);
    expect(world.following(ME).has("quiet_cook")).toBe(false);
    expect((await phone.find({ id: "eme" }))?.text).toBe("Requested");
    await phone.tap({ text: "Requested" });
    expect(world.relation(ME, "quiet_cook")).toBe("none");
  });

  it("shows Couldn't find this account for a name no user has, with no Follow", async () => {
    const { phone } = await running();
    await phone.ok(view("https://www.tiktok.com/@nobody_here_123"));
    const nodes = await phone.dump();
    expect(nodes.some((node) => node.text === "Couldn't find this account")).toBe(true);
    expect(nodes.some((node) => node.text === "Follow")).toBe(false);
    expect(nodes.some((node) => node.desc === "Back")).toBe(true);
  });
});
