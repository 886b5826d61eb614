import { describe, expect, test } from "vitest";
import type { SocialWorldOptions } from "../../../fake-phone";
import type { SocialApp } from "../../testing/social-apps";
import { logText, usePostRig } from "../post/post-script.testkit";

/**
 * comment on an app's model (run by comment-tiktok.test.ts and comment-instagram.test.ts): what
 * was commented is read from the phone's world. The tests run at the same time, each on its own
 * phone and world, as a rack's phones do.
 */
const REEL = "7400000000000000001";

export function commentSuite(social: SocialApp): void {
  const rig = usePostRig();
  const [link, otherLink] = social.postLinks(REEL);

  async function onPhone(world: SocialWorldOptions = {}) {
    const app = social.make(world);
    const phone = await rig.phone([app]);
    return { phone, world: app.world };
  }

  const comment = (config: Record<string, unknown>, requestIndex = 0) => ({ script: "comment", platform: social.platform, config, requestIndex });

  describe.concurrent(`comment on ${social.name}`, () => {
    test("a post by its link: the comment typed in the sheet and posted, as the account", async () => {
      const { phone, world } = await onPhone();
      const run = await rig.run(phone, comment({ target_post_urls: [link], comment_content: "Great video!" }));
      expect(run.outcome, logText(run)).toMatchObject({ ok: true, posted: true });
      expect(world.comments.map((c) => [c.account, c.postId, c.text])).toEqual([["fake_creator", REEL, "Great video!"]]);
    });

    test("sequential: the task's place in its create picks the line; an emoji is added when asked", async () => {
      const { phone, world } = await onPhone();
      const run = await rig.run(phone, comment({ target_post_url: otherLink, comment_content: "one\ntwo\nthree", comment_order: "sequential", insert_emoji: true }, 4));
      expect(run.outcome, logText(run)).toMatchObject({ ok: true });
      expect(world.comments.map((c) => c.text)).toEqual([expect.stringMatching(/^two \p{Extended_Pictographic}/u)]);
    });

    test("a post that is not there: 1010, nothing commented", async () => {
      const { phone, world } = await onPhone();
      const run = await rig.run(phone, comment({ target_post_urls: [social.missingPost], comment_content: "hi" }));
      expect(run.outcome, logText(run)).toMatchObject({ ok: false, failCode: 1010, remark: expect.stringContaining("is not available on") });
      expect(world.comments).toEqual([]);
    });

    test("a rate limit at the send (tapping too fast, Try Again Later): 1013, the comment not out", async () => {
      const { phone, world } = await onPhone({ restrictions: { fake_creator: { state: "rate_limited", after: 0 } } });
      const run = await rig.run(phone, comment({ target_post_urls: [link], comment_content: "hi" }));
      expect(run.outcome, logText(run)).toMatchObject({ ok: false, failCode: 1013 });
      expect(world.comments).toEqual([]);
    });

    // Instagram comments take no image: the create refuses comment_image_path for it.
    test.runIf(social.platform === "tiktok")("with comment_image_path: the image pushed, attached from the sheet's picker, sent with the comment, then removed", async () => {
      const { phone, world } = await onPhone();
      const image = await rig.material("comment.jpg", 2048);
      const run = await rig.run(phone, comment({ target_post_urls: [link], comment_content: "Look at this", comment_image_path: image.path }));
      expect(run.outcome, logText(run)).toMatchObject({ ok: true });
      expect(world.comments.map((c) => [c.text, c.image?.equals(image.data)])).toEqual([["Look at this", true]]);
      expect(phone.files.paths().filter((path) => path.includes("tikmatrix-"))).toEqual([]);
    });
  });
}
