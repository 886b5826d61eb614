import { describe, expect, test } from "vitest";
import type { SocialWorldOptions } from "../../../fake-phone";
import type { SocialApp } from "../../testing/social-apps";
import { logText, usePostRig } from "../post/post-script.testkit";

/**
 * follow / unfollow on an app's model (run by follow-tiktok.test.ts and follow-instagram.test.ts):
 * who is followed afterwards is read from the phone's world, never from the script's own log.
 * The tests run at the same time, each on its own phone and world, as a rack's phones do.
 */
export function followSuite(social: SocialApp): void {
  const rig = usePostRig();

  async function onPhone(world: SocialWorldOptions = {}) {
    const app = social.make(world);
    const phone = await rig.phone([app]);
    return { app, phone, world: app.world };
  }

  const follow = (config: Record<string, unknown>, script = "follow") => ({ script, platform: social.platform, config });

  describe.concurrent(`follow on ${social.name}`, () => {
    test("direct: the profile by its link, Follow tapped, the account now follows the user", async () => {
      const { phone, world } = await onPhone();
      const run = await rig.run(phone, follow({ target_users: ["@Sunny.Days"] }));
      expect(run.outcome, logText(run)).toEqual({ ok: true, failCode: null, remark: "followed @sunny.days", posted: false });
      expect([...world.following("fake_creator")]).toEqual(["sunny.days"]);
      expect(phone.commands.some((line) => line.includes(social.profileLink("sunny.days")))).toBe(true);
      expect(run.screenshots.length).toBeGreaterThanOrEqual(1);
    });

    test("search: typed into the search, the user's row opened, followed", async () => {
      const { phone, world } = await onPhone();
      const run = await rig.run(phone, follow({ target_user: "nordicmilkman", access_method: "search" }));
      expect(run.outcome, logText(run)).toMatchObject({ ok: true });
      expect([...world.following("fake_creator")]).toEqual(["nordicmilkman"]);
      expect(phone.commands.some((line) => line.includes(social.profileHost("nordicmilkman")))).toBe(false);
    });

    test("already following is a success that changes nothing", async () => {
      const { phone, world } = await onPhone({ following: { fake_creator: ["sunny.days"] } });
      const run = await rig.run(phone, follow({ target_users: ["sunny.days"] }));
      expect(run.outcome, logText(run)).toMatchObject({ ok: true, remark: "already following @sunny.days" });
      expect([...world.following("fake_creator")]).toEqual(["sunny.days"]);
    });

    test("a private account gets a request, and no one else is followed (Instagram's suggested accounts)", async () => {
      const { phone, world } = await onPhone();
      const run = await rig.run(phone, follow({ target_users: ["quiet_cook"] }));
      expect(run.outcome, logText(run)).toMatchObject({ ok: true });
      expect([...world.requested("fake_creator")]).toEqual(["quiet_cook"]);
      expect([...world.following("fake_creator")]).toEqual([]);
    });

    test("a user who does not exist: 1010 naming them, a screenshot", async () => {
      const { phone, world } = await onPhone();
      const run = await rig.run(phone, follow({ target_users: ["nobody.here"] }));
      expect(run.outcome, logText(run)).toMatchObject({ ok: false, failCode: 1010, remark: `@nobody.here does not exist on ${social.name}` });
      expect(run.screenshots.length).toBeGreaterThanOrEqual(1);
      expect(world.following("fake_creator").size).toBe(0);
    });
  });

  describe.concurrent(`unfollow on ${social.name}`, () => {
    test("Following, then the sheet's Unfollow: no longer followed", async () => {
      const { phone, world } = await onPhone({ following: { fake_creator: ["sunny.days", "nordicmilkman"] } });
      const run = await rig.run(phone, follow({ target_users: ["sunny.days"] }, "unfollow"));
      expect(run.outcome, logText(run)).toMatchObject({ ok: true, remark: "unfollowed @sunny.days" });
      expect([...world.following("fake_creator")]).toEqual(["nordicmilkman"]);
    });

    test("a followed private account is unfollowed, a confirmation answered where the app asks", async () => {
      const { phone, world } = await onPhone({ following: { fake_creator: ["quiet_cook"] } });
      const run = await rig.run(phone, follow({ target_users: ["quiet_cook"] }, "unfollow"));
      expect(run.outcome, logText(run)).toMatchObject({ ok: true });
      expect(world.following("fake_creator").size).toBe(0);
    });

    test("not following is a success that changes nothing", async () => {
      const { phone, world } = await onPhone();
      const run = await rig.run(phone, follow({ target_users: ["sunny.days"] }, "unfollow"));
      expect(run.outcome, logText(run)).toMatchObject({ ok: true, remark: "not following @sunny.days" });
      expect(world.following("fake_creator").size).toBe(0);
    });
  });

  describe.concurrent(`account states on ${social.name} end the task with their own code`, () => {
    const cases = [
      { state: "logged_out", after: 0, code: 1011 },
      { state: "captcha", after: 0, code: 1012 },
      { state: "rate_limited", after: 0, code: 1013 },
      { state: "banned", after: 0, code: 1014 },
    ] as const;
    for (const { state, after, code } of cases) {
      test(`${state}: ${code}, with a screenshot, nothing followed`, async () => {
        const { phone, world } = await onPhone({ restrictions: { fake_creator: { state, after } } });
        const run = await rig.run(phone, follow({ target_users: ["sunny.days"] }));
        expect(run.outcome, logText(run)).toMatchObject({ ok: false, failCode: code, remark: expect.stringMatching(/a person must handle it on the phone/) });
        expect(run.screenshots.length).toBeGreaterThanOrEqual(1);
        expect(world.following("fake_creator").size).toBe(0);
      });
    }
  });
}
