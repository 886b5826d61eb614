import { describe, expect, it } from "vitest";
import { useHarness } from "../../testing/test-harness.js";
import { INSTAGRAM_PACKAGE, INSTAGRAM_URL_HANDLER } from "./instagram-app.js";
import { LAUNCH_INSTAGRAM, byId, instagramPhone, openWhileRunning, postLink, profileLink, reelLink, viewLink } from "./instagram-testing.js";

// Profile and post links through am (TAKT's deep_link_navigation: `am start -W -a VIEW -d
// https://www.instagram.com/<user>/ com.instagram.android`), resolved by the URL handler.

const harness = useHarness();
const POST = "7400000000000000002";

describe("a VIEW of an instagram.com link, limited to Instagram's package", () => {
  it("resolves to the URL handler, prints the address cut to its host, and opens the profile", async () => {
    const { app, phone } = await instagramPhone(harness);
    await phone.ok(LAUNCH_INSTAGRAM);
    const out = await phone.ok(viewLink(profileLink("nordicmilkman")));
    expect(out).toMatch(/^Starting: Intent \{ act=android\.intent\.action\.VIEW dat=https:\/\/www\.instagram\.com\/\.\.\. flg=0x10000000 pkg=com\.instagram\.android \}\nStatus: ok\n/);
    expect(out).toContain(`Activity: ${INSTAGRAM_PACKAGE}/${INSTAGRAM_URL_HANDLER}\n`);
    expect(app.screenName).toBe("user:nordicmilkman");
    expect(byId(await phone.dump(), "action_bar_title")?.text).toBe("nordicmilkman");
  });

  it("takes the address without www, without the trailing slash, and with a query", async () => {
    const { phone } = await instagramPhone(harness);
    await phone.ok(LAUNCH_INSTAGRAM);
    for (const url of ["https://instagram.com/sunny.days", "'https://www.instagram.com/quiet_cook/?igsh=abc123&utm_source=qr'"]) {
      await phone.ok(viewLink(url));
    }
    expect(byId(await phone.dump(), "action_bar_title")?.text).toBe("quiet_cook");
    await phone.ok("input keyevent 4");
    expect(byId(await phone.dump(), "action_bar_title")?.text).toBe("sunny.days");
  });

  it("opens /p/ in the post layout and /reel/ in the reel viewer, the world post whose id is the code", async () => {
    const { app, phone } = await instagramPhone(harness);
    await openWhileRunning(phone, postLink(POST));
    expect(byId(await phone.dump(), "row_feed_photo_profile_name")?.text).toBe("sunny.days");
    await phone.ok(viewLink(reelLink(POST)));
    const reel = await phone.dump();
    expect(byId(reel, "clips_author_username")?.text).toBe("sunny.days");
    expect(byId(reel, "row_feed_button_like")).toBeUndefined();
    expect(app.screenName).toBe(`reel:${POST}`);
  });

  it("starts Instagram at its feed and drops the link when Instagram was not running", async () => {
    const { app, phone } = await instagramPhone(harness);
    expect(await phone.ok(viewLink(profileLink("nordicmilkman")))).toContain("LaunchState: COLD");
    expect(app.screenName).toBe("feed");
    expect(await phone.find({ desc: "Instagram Home Feed" })).toBeDefined();
    expect(app.events.some((event) => event.startsWith("deep link dropped"))).toBe(true);
  });

  it("does not resolve http, another host, or a VIEW without a package", async () => {
    const { phone } = await instagramPhone(harness);
    for (const command of [viewLink("http://www.instagram.com/nordicmilkman/"), viewLink("https://www.example.com/nordicmilkman/"), `am start -a android.intent.action.VIEW -d ${profileLink("nordicmilkman")}`]) {
      expect((await phone.run(command)).stderr).toContain("Error: Activity not started, unable to resolve Intent");
    }
  });

  it("shows Instagram's missing page for a user or post the world does not have", async () => {
    const { phone } = await instagramPhone(harness);
    await openWhileRunning(phone, profileLink("nobody_here"));
    expect(await phone.find({ text: "Sorry, this page isn't available." })).toBeDefined();
    await phone.ok(viewLink(postLink("NoSuchCode")));
    const page = await phone.dump();
    expect(page.some((node) => node.text === "Sorry, this page isn't available.")).toBe(true);
    expect(byId(page, "row_feed_button_like")).toBeUndefined();
  });
});
