import { describe, expect, test } from "vitest";
import { InstagramApp, SocialWorld, TikTokApp } from "../../../fake-phone";
import { logText, usePostRig } from "../post/post-script.testkit";

/** match_accounts on a phone with TikTok, an Instagram clone and a logged-out Instagram. */
const rig = usePostRig();

describe("match_accounts", () => {
  test("reads the account each app package shows, the clone with its package, and notes a logged-out one", async () => {
    const tiktok = new TikTokApp({ accounts: ["Shop_Main"], asksNotifications: false });
    const clone = new InstagramApp({ package: "com.instagram.android.clone", accounts: ["ig.second"], asksNotifications: false });
    const loggedOut = new InstagramApp({ accounts: ["ig_gone"], asksNotifications: false, world: new SocialWorld({ restrictions: { ig_gone: { state: "logged_out", after: 0 } } }) });
    const phone = await rig.phone([tiktok, clone, loggedOut]);
    const run = await rig.run(phone, { script: "match_accounts", platform: "tiktok", config: {} });
    expect(run.outcome, logText(run)).toMatchObject({ ok: true, posted: false });
    expect(run.outcome.accounts).toEqual([
      { platform: "tiktok", package_name: null, username: "shop_main" },
      { platform: "instagram", package_name: "com.instagram.android.clone", username: "ig.second" },
    ]);
    expect(run.outcome.remark).toMatch(/com\.instagram\.android: not read \(logged out/);
  }, 90_000);
});
