import { expect, test } from "vitest";
import { GALAXY_A, InstagramApp, slowed, TikTokApp } from "../../../fake-phone";
import { logText, usePostRig } from "./post-script.testkit";

/**
 * A busy studio phone: every dump takes 1.5–3 s, most dumps over a playing video fail after
 * uiautomator's 10 s wait for an idle moment, and ADBKeyBoard is bound two seconds after
 * `ime set`. The agent runs with its own timings, as on a real rack. The two posts run at the
 * same time, each on its own phone, as a rack's phones do: nearly all of their time is the
 * phones' waits.
 */
const rig = usePostRig();

const SLOW = slowed(GALAXY_A);
const MINUTES = 60_000;

test.concurrent("TikTok: a video with a caption beyond ASCII, by share", { timeout: 6 * MINUTES }, async () => {
  const tiktok = new TikTokApp({ uploadMs: 2_000 });
  const phone = await rig.phone([tiktok], SLOW);
  const video = await rig.material("slow.mp4");
  const posting = await rig.run(phone, { platform: "tiktok", realTimings: true, deadlineMs: 5 * MINUTES, config: { material_list: [video.path], captions: "Slow##但是可以 ✓", upload_wait_time: 120 } });
  expect(posting.outcome, logText(posting)).toMatchObject({ ok: true, remark: "posted (confirmed on the profile)" });
  expect(tiktok.posts).toEqual([expect.objectContaining({ title: "Slow", caption: "但是可以 ✓" })]);
});

test.concurrent("Instagram: two images through its gallery", { timeout: 6 * MINUTES }, async () => {
  const instagram = new InstagramApp({ uploadMs: 2_000 });
  const phone = await rig.phone([instagram], SLOW);
  const images = [await rig.material("s1.jpg"), await rig.material("s2.jpg")];
  const posting = await rig.run(phone, { platform: "instagram", realTimings: true, deadlineMs: 5 * MINUTES, config: { content_type: 1, image_count: 2, material_list: images.map((i) => i.path), captions: "slow but sure", upload_wait_time: 120 } });
  expect(posting.outcome, logText(posting)).toMatchObject({ ok: true });
  expect(instagram.posts).toHaveLength(1);
  expect(instagram.posts[0]?.media.map((m) => images.findIndex((i) => i.data.equals(m.data)))).toEqual([0, 1]);
});
