import { describe, expect, test } from "vitest";
import type { SocialWorldOptions } from "../../../fake-phone";
import { startChatServer } from "../../testing/chat-server";
import type { SocialApp } from "../../testing/social-apps";
import { logText, usePostRig } from "../post/post-script.testkit";

/**
 * account_warmup on an app's feed of videos (run by warmup-tiktok.test.ts and
 * warmup-instagram.test.ts): how many videos were watched and for how long, and what was liked,
 * followed, saved and commented, read from the phone's world.
 */

const FEED = [
  { id: "R1", author: "nordicmilkman", caption: "Morning run" },
  { id: "R2", author: "sunny.days", caption: "Ad", ad: true },
  { id: "R3", author: "quiet_cook", caption: "Pasta" },
];

export function warmupSuite(social: SocialApp): void {
  const rig = usePostRig();

  async function onPhone(world: SocialWorldOptions = {}) {
    const app = social.make({ feed: FEED, ...world });
    const phone = await rig.phone([app]);
    return { phone, world: app.world };
  }

  const warmup = (config: Record<string, unknown>) => ({ script: "account_warmup", platform: social.platform, config, deadlineMs: 180_000 });

  // Side by side, each on its own phone and world: the warm-ups watch for real time, not CPU.
  describe.concurrent(`account_warmup on ${social.name}`, () => {
    test("watches video after video for the duration, each within its bounds; with no chances set it does nothing else", async () => {
      const { phone, world } = await onPhone();
      const run = await rig.run(phone, warmup({ task_duration: 30, min_duration: 3, max_duration: 5 }));
      expect(run.outcome, logText(run)).toMatchObject({ ok: true, remark: expect.stringMatching(/^watched \d+ videos/) });
      const watches = world.watches.filter((w) => w.to !== undefined);
      expect(watches.length).toBeGreaterThanOrEqual(5);
      // Every video but the last was on screen at least min_duration; none much past max_duration.
      for (const watch of watches.slice(0, -1)) {
        const seconds = ((watch.to ?? 0) - watch.from) / 1000;
        expect(seconds).toBeGreaterThanOrEqual(2.9);
        expect(seconds).toBeLessThan(12);
      }
      expect(new Set(watches.map((w) => w.postId))).toEqual(new Set(["R1", "R2", "R3"]));
      expect([world.liked("fake_creator").size, world.saved("fake_creator").size, world.following("fake_creator").size, world.comments.length]).toEqual([0, 0, 0, 0]);
    }, 120_000);

    test("at 100 % it likes, follows, saves and comments on every video but the ad, and its remark counts them", async () => {
      const { phone, world } = await onPhone();
      const run = await rig.run(phone, warmup({ task_duration: 60, min_duration: 2, max_duration: 3, like_probable: 100, floow_probable: 100, collect_probable: 100, comment_probable: 100, comment: "Nice!\nLove it", comment_order: "sequential" }));
      expect(run.outcome, logText(run)).toMatchObject({ ok: true });
      expect(world.liked("fake_creator").has("R2")).toBe(false);
      expect(world.liked("fake_creator").has("R1")).toBe(true);
      expect(world.saved("fake_creator").has("R1")).toBe(true);
      expect(world.following("fake_creator").has("nordicmilkman")).toBe(true);
      expect(world.requested("fake_creator").has("quiet_cook")).toBe(true);
      expect(world.comments.map((c) => c.text).slice(0, 2)).toEqual(["Nice!", "Love it"]);
      const remark = String(run.outcome.remark);
      const count = (word: string) => Number(new RegExp(`${word} (\\d+)`).exec(remark)?.[1]);
      expect(count("commented")).toBe(world.comments.length);
      expect(count("liked")).toBeGreaterThanOrEqual(2);
      // The feed wraps: a video met again is not saved again (a second tap on TikTok's Favorites unsaves).
      expect(count("saved")).toBe(world.saved("fake_creator").size);
    }, 150_000);

    test("generate_by_chatgpt: each comment is the endpoint's for the video's caption; a failed call takes a template; the key is in no log line", async () => {
      const KEY = "sk-warmup-test-4f3e2d1c";
      const chat = await startChatServer((request, index) => {
        if (index === 0) return { status: 500, error: "overloaded" };
        const caption = request.body.messages?.[1]?.content.replace(/^The video's caption: /, "") ?? "";
        return { comment: `So true: ${caption}` };
      });
      try {
        const { phone, world } = await onPhone();
        const run = await rig.run(phone, warmup({ task_duration: 30, min_duration: 2, max_duration: 3, comment_probable: 100, comment: "Nice!", generate_by_chatgpt: true, chatgpt_settings: { url: chat.url, api_key: KEY, model: "local-model", system_prompt: "Comment briefly" } }));
        expect(run.outcome, logText(run)).toMatchObject({ ok: true, remark: expect.stringContaining("(1 ChatGPT comments failed)") });
        expect(chat.requests.length).toBeGreaterThanOrEqual(2);
        expect(chat.requests.every((r) => r.authorization === `Bearer ${KEY}` && r.body.model === "local-model" && r.body.messages?.[0]?.content === "Comment briefly")).toBe(true);
        // The captions the app showed, the ad's never (it is watched past).
        expect(chat.requests.map((r) => r.body.messages?.[1]?.content).slice(0, 2)).toEqual(["The video's caption: Morning run", "The video's caption: Pasta"]);
        expect(world.comments.map((c) => [c.postId, c.text]).slice(0, 2)).toEqual([["R1", "Nice!"], ["R3", "So true: Pasta"]]);
        expect(logText(run)).toContain("ChatGPT comment not generated: 127.0.0.1");
        expect(JSON.stringify([run.logs, run.progress, run.outcome])).not.toContain(KEY);
      } finally {
        await chat.close();
      }
    }, 120_000);

    test("with topics: one is searched, and the video found is the one watched", async () => {
      const { phone, world } = await onPhone({ feed: [...FEED, { id: "T1", author: "quiet_cook", caption: "Garden pasta tips" }] });
      const run = await rig.run(phone, warmup({ task_duration: 30, min_duration: 3, max_duration: 5, topic: "garden\n\ngarden pasta" }));
      expect(run.outcome, logText(run)).toMatchObject({ ok: true });
      expect(logText(run)).toMatch(/warming up on the topic "garden( pasta)?"/);
      // Opening the app shows its feed for a moment; from the search on, only the video found plays.
      const onT1 = world.watches.filter((w) => w.postId === "T1").reduce((sum, w) => sum + ((w.to ?? Date.now()) - w.from), 0);
      expect(onT1, logText(run)).toBeGreaterThanOrEqual(20_000);
    }, 120_000);

    test("a stop ends it within a moment, as any script", async () => {
      const { phone } = await onPhone();
      const stop = new AbortController();
      setTimeout(() => stop.abort(), 8_000);
      const started = Date.now();
      const run = await rig.run(phone, { ...warmup({ task_duration: 600 }), stop: stop.signal });
      expect(run.outcome).toMatchObject({ ok: false, failCode: 1007 });
      expect(Date.now() - started).toBeLessThan(20_000);
    }, 60_000);
  });
}
