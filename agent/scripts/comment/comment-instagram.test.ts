import { describe, expect, test } from "vitest";
import { InstagramApp, SocialWorld, type SocialWorldOptions } from "../../../fake-phone";
import { logText, usePostRig } from "../post/post-script.testkit";

/** comment on Instagram's model: what was commented is read from the phone's world. */
const rig = usePostRig();

const REEL = "7400000000000000001";

async function instagram(world: SocialWorldOptions = {}) {
  const app = new InstagramApp({ asksNotifications: false, world: new SocialWorld(world) });
  const phone = await rig.phone([app]);
  return { phone, world: app.world };
}

const comment = (config: Record<string, unknown>, requestIndex = 0) => ({ script: "comment", platform: "instagram" as const, config, requestIndex });

describe("comment on Instagram", () => {
  test("a reel by its link: the comment typed in the sheet and posted, as the account", async () => {
    const { phone, world } = await instagram();
    const run = await rig.run(phone, comment({ target_post_urls: [`https://www.instagram.com/reel/${REEL}/`], comment_content: "Great video!" }));
    expect(run.outcome, logText(run)).toMatchObject({ ok: true, posted: true });
    expect(world.comments.map((c) => [c.account, c.postId, c.text])).toEqual([["fake_creator", REEL, "Great video!"]]);
  });

  test("sequential: the task's place in its create picks the line; an emoji is added when asked", async () => {
    const { phone, world } = await instagram();
    const run = await rig.run(phone, comment({ target_post_url: `https://www.instagram.com/p/${REEL}/`, comment_content: "one\ntwo\nthree", comment_order: "sequential", insert_emoji: true }, 4));
    expect(run.outcome, logText(run)).toMatchObject({ ok: true });
    expect(world.comments.map((c) => c.text)).toEqual([expect.stringMatching(/^two \p{Extended_Pictographic}/u)]);
  });

  test("a post that is not there: 1010, nothing commented", async () => {
    const { phone, world } = await instagram();
    const run = await rig.run(phone, comment({ target_post_urls: ["https://www.instagram.com/p/Missing123/"], comment_content: "hi" }));
    expect(run.outcome, logText(run)).toMatchObject({ ok: false, failCode: 1010, remark: expect.stringContaining("is not available on") });
    expect(world.comments).toEqual([]);
  });

  test("an action block at the send: 1013, the comment not out", async () => {
    const { phone, world } = await instagram({ restrictions: { fake_creator: { state: "rate_limited", after: 0 } } });
    const run = await rig.run(phone, comment({ target_post_urls: [`https://www.instagram.com/reel/${REEL}/`], comment_content: "hi" }));
    expect(run.outcome, logText(run)).toMatchObject({ ok: false, failCode: 1013 });
    expect(world.comments).toEqual([]);
  });
});
