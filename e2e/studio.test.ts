import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type AppModel, InstagramApp, SocialWorld, TIKTOK_43, TikTokApp } from "../fake-phone";
import { startChatServer } from "../agent/testing/chat-server";
import { Studio, type Task } from "./system";

/**
 * The product end to end, as a studio meets it: wrangler dev, the agent program, eight fake
 * phones with TikTok behind the real adb server. The first scenarios run at the same time on
 * their own phones (as a rack does); the faults that touch everything (the agent killed,
 * wrangler dev killed) run after them, one at a time.
 */
const apps = {
  scheduled: [0, 1, 2].map(() => new TikTokApp({ uploadMs: 500 })),
  stop: new TikTokApp({ uploadMs: 6_000 }),
  // The editor's Next never shows: the run waits there, before its publishing tap.
  stopEarly: new TikTokApp({ hidden: [TIKTOK_43.ids.editorNext, "Next"] }),
  retry: new TikTokApp({ uploadMs: 500 }),
  unplug: new TikTokApp({ uploadNeverFinishes: true }),
  slow: new TikTokApp({ uploadMs: 8_000 }),
  outbox: new TikTokApp({ uploadMs: 2_000 }),
  library: [0, 1, 2].map(() => new TikTokApp({ uploadMs: 500 })),
  // Instagram phones for the scripts that act on other people; each its own world.
  igPair: ["my_account1", "my_account2"].map((name) => new InstagramApp({ accounts: [name], asksNotifications: false, world: new SocialWorld({ users: [{ username: "target_user" }] }) })),
  igComment: new InstagramApp({ accounts: ["ig_commenter"], asksNotifications: false, world: new SocialWorld({ posts: [{ id: "ABC123", author: "someone", caption: "A photo" }] }) }),
  igMatch: new InstagramApp({ accounts: ["studio.found"], asksNotifications: false, world: new SocialWorld({ users: [{ username: "target_user" }] }) }),
  igWarmup: new InstagramApp({ accounts: ["ig_warm"], asksNotifications: false }),
  // TikTok phones for TikMatrix's unfollow example (three devices) and the warm-up's ChatGPT example.
  ttUnfollow: [1, 2, 3].map((n) => new TikTokApp({ accounts: [`tt_unfollow${n}`], asksNotifications: false, confirmFirstPost: false, world: new SocialWorld({ users: [{ username: "old_account" }], following: { [`tt_unfollow${n}`]: ["old_account"] } }) })),
  ttWarmup: new TikTokApp({
    asksNotifications: false,
    confirmFirstPost: false,
    world: new SocialWorld({ feed: [{ id: "G1", author: "gadget_guy", caption: "Five gadgets under $20" }, { id: "G2", author: "techie", caption: "Tech reviews: the new phone" }, { id: "G3", author: "gadget_gal", caption: "Desk gadgets tour" }] }),
  }),
  igThree: new InstagramApp({ accounts: ["ig_three"], asksNotifications: false, world: new SocialWorld({ users: ["user1", "user2", "user3"].map((username) => ({ username })), following: { ig_three: ["user2"] } }) }),
};
let studio: Studio;

beforeAll(async () => {
  studio = await Studio.start([...apps.scheduled, apps.stop, apps.stopEarly, apps.retry, apps.unplug, apps.slow, apps.outbox, ...apps.library, ...apps.igPair, apps.igThree, apps.igComment, apps.igMatch, apps.igWarmup, ...apps.ttUnfollow, apps.ttWarmup]);
}, 180_000);

afterAll(async () => {
  await studio?.stop();
}, 60_000);

function phoneOf(app: AppModel) {
  const found = studio.phones.find((p) => p.app === app);
  if (found === undefined) throw new Error("no phone with this app");
  return found;
}

const ms = (iso: unknown) => Date.parse(String(iso));

describe.concurrent("scenarios on their own phones, at the same time", () => {
  test("a post task on three phones with a start_time a few seconds ahead and intervals: all complete, each at its time", async () => {
    const video = await studio.material("scheduled.mp4");
    const startAt = Date.now() + 6_000;
    const serials = apps.scheduled.map((app) => phoneOf(app).serial);
    const ids = await studio.post(serials, { material_list: [video.path], captions: "on time" }, { start_time: new Date(startAt).toISOString(), min_interval: 0, max_interval: 1 });
    const scheduled = await Promise.all(ids.map(async (id) => ms((await studio.task(id)).scheduled_at)));
    for (const at of scheduled) {
      // Staggered by a whole number of seconds within [0, 1] minutes after the start time.
      expect(at - startAt).toBeGreaterThanOrEqual(0);
      expect(at - startAt).toBeLessThanOrEqual(60_000);
      expect((at - startAt) % 1000).toBe(0);
    }
    const tasks = await Promise.all(ids.map((id) => studio.ended(id, 100_000)));
    tasks.forEach((task, i) => {
      expect(task, studio.diagnostics()).toMatchObject({ status: 2, serial: serials[i] });
      const started = ms(task.started_at);
      expect(started).toBeGreaterThanOrEqual(scheduled[i]!);
      expect(started - scheduled[i]!).toBeLessThan(5_000);
      const [post] = apps.scheduled[i]!.posts;
      expect(post?.media[0]?.data.equals(video.data)).toBe(true);
      expect(post!.at).toBeGreaterThanOrEqual(scheduled[i]!);
    });
    // The phones ran in the order of their staggered times.
    const byScheduled = [...tasks.keys()].sort((a, b) => scheduled[a]! - scheduled[b]!);
    const byStarted = [...tasks.keys()].sort((a, b) => ms(tasks[a]!.started_at) - ms(tasks[b]!.started_at));
    expect(byStarted).toEqual(byScheduled);

    // What a person reads afterwards: the log lines and the screenshot, over HTTP.
    const { logs } = (await studio.api("GET", `/task/${ids[0]}/logs`)) as { logs: Array<{ message: string }> };
    const text = logs.map((line) => line.message).join("\n");
    expect(text).toMatch(/pushed \/sdcard\/DCIM\/Camera\/tikmatrix-/);
    expect(text).toMatch(/upload finished/);
    const shot = await studio.server.request(`/task/${ids[0]}/screenshot`);
    expect(shot.status).toBe(200);
    expect(shot.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await shot.arrayBuffer()).subarray(1, 4).toString()).toBe("PNG");
  }, 120_000);

  test("videos uploaded to the material library, posted on three phones with TikMatrix's default source: each phone posts a distinct one, byte for byte", async () => {
    const summer = await Promise.all([1, 2, 3].map((n) => studio.upload(`summer-${n}.mp4`, { tags: "summer", caption: `summer ${n}` })));
    await studio.upload("winter.mp4", { tags: "winter" });
    const serials = apps.library.map((app) => phoneOf(app).serial);
    const ids = await studio.post(serials, { materials_tags: "summer" });
    const tasks = await Promise.all(ids.map((id) => studio.ended(id, 100_000)));
    const posted = tasks.map((task, i) => {
      expect(task, studio.diagnostics()).toMatchObject({ status: 2 });
      const [post] = apps.library[i]!.posts;
      const material = summer.find((m) => post?.media[0]?.data.equals(m.data));
      expect(material, `phone ${i} posted bytes of no summer material`).toBeDefined();
      // The material's caption stands in for the task's (which has none).
      expect(post?.caption).toBe(`summer ${summer.indexOf(material!) + 1}`);
      return material!.id;
    });
    expect(new Set(posted).size).toBe(3);
    // The library says which task posted which file; none is left for a fourth post.
    for (const [i, id] of posted.entries()) expect(await studio.api("GET", `/materials/${id}`)).toMatchObject({ used: 1, used_by_task_id: ids[i] });
    const [fourth] = await studio.post([serials[0]!], { materials_tags: "summer" });
    expect(await studio.ended(fourth!)).toMatchObject({ status: 3, fail_code: 1004, remark: expect.stringMatching(/no unused video tagged "summer"/) });
  }, 120_000);

  test("a stop before the publishing tap ends the task as stopped (1007), with no post and the pushed file removed", async () => {
    const { serial, phone } = phoneOf(apps.stopEarly);
    const video = await studio.material("stop-early.mp4");
    const [id] = await studio.post([serial], { material_list: [video.path] });
    await studio.until(async () => ((await studio.task(id!)).remark === "editor Next" ? true : undefined), "the run waits in the editor");
    await studio.api("POST", `/task/${id}/stop`);
    const task = await studio.ended(id!);
    expect(task).toMatchObject({ status: 3, fail_code: 1007, posted: false });
    expect(apps.stopEarly.posts).toEqual([]);
    await studio.until(async () => (phone.files.paths().some((p) => p.includes("tikmatrix-")) ? undefined : true), "the pushed file is removed");
  }, 90_000);

  test("a stop during the upload cannot unpost: the run finishes, the task ends with its one post, posted, the stop noted", async () => {
    const { serial } = phoneOf(apps.stop);
    const video = await studio.material("stop.mp4");
    const [id] = await studio.post([serial], { material_list: [video.path], upload_wait_time: 300 });
    await studio.until(async () => (apps.stop.posts.length === 1 ? true : undefined), "the phone is uploading");
    const stopped = (await studio.api("POST", `/task/${id}/stop`)) as Task;
    expect(stopped).toMatchObject({ status: 1, posted: true });
    const task = await studio.ended(id!);
    expect(task, studio.diagnostics()).toMatchObject({ status: 2, posted: true });
    expect(String(task.remark)).toMatch(/the stop came after the publishing tap/);
    expect(apps.stop.posts).toHaveLength(1);
    expect(((await studio.api("POST", `/task/${id}/retry`).catch((error: unknown) => error)) as Error).message).toMatch(/40901|only a failed task/);
  }, 120_000);

  test("a failed task retried over the API runs again and completes", async () => {
    const { serial } = phoneOf(apps.retry);
    // A file of this PC outside the agent's material folders: what a leaked key would ask for.
    const document = join(process.cwd(), "README.md");
    const [refused] = await studio.post([serial], { material_list: [document] });
    const outside = await studio.ended(refused!);
    expect(outside).toMatchObject({ status: 3, fail_code: 1004, posted: false });
    expect(String(outside.remark)).toBe(`material "${document}" is outside the agent's material folders (${studio.dir}): add its folder to material_roots in the agent's config`);

    const missing = `${studio.dir}/arrives-later.mp4`;
    const [id] = await studio.post([serial], { material_list: [missing] });
    const failed = await studio.ended(id!);
    expect(failed).toMatchObject({ status: 3, fail_code: 1004, retry_count: 0 });
    expect(String(failed.remark)).toContain("arrives-later.mp4");

    const { writeFile } = await import("node:fs/promises");
    await writeFile(missing, Buffer.from("now it is here"));
    await studio.api("POST", `/task/${id}/retry`);
    const retried = await studio.ended(id!);
    expect(retried, studio.diagnostics()).toMatchObject({ status: 2, retry_count: 1, fail_code: null });
    expect(apps.retry.posts).toHaveLength(1);
  }, 90_000);

  test("a phone unplugged during a task: the task fails device offline (1001) and the phone shows offline", async () => {
    const { serial } = phoneOf(apps.unplug);
    const video = await studio.material("unplug.mp4");
    const [id] = await studio.post([serial], { material_list: [video.path], upload_wait_time: 300 });
    await studio.until(async () => (apps.unplug.posts.length === 1 ? true : undefined), "the phone is uploading");
    await studio.unplug(serial);
    const task = await studio.ended(id!);
    expect(task).toMatchObject({ status: 3, fail_code: 1001, retry_count: 0 });
    await studio.until(async () => ((await studio.onlineSerials()).includes(serial) ? undefined : true), "the phone is offline");
  }, 90_000);

  test("TikMatrix's follow example with usernames: one task per account, each account follows the user on its phone", async () => {
    const [one, two] = apps.igPair;
    await studio.account("my_account1", "instagram", phoneOf(one!).serial);
    await studio.account("my_account2", "instagram", phoneOf(two!).serial);
    const created = await studio.api("POST", "/task", { usernames: ["@my_account1", "@my_account2"], script_name: "follow", script_config: { target_users: ["@target_user"], access_method: "direct" } });
    expect(created.created_count).toBe(2);
    const tasks = await Promise.all((created.task_ids as number[]).map((id) => studio.ended(id, 90_000)));
    for (const task of tasks) expect(task, studio.diagnostics()).toMatchObject({ status: 2, remark: "followed @target_user" });
    expect([...one!.world.following("my_account1")]).toEqual(["target_user"]);
    expect([...two!.world.following("my_account2")]).toEqual(["target_user"]);
  }, 120_000);

  test("follow of three users on one phone: three tasks, one already followed, all complete", async () => {
    await studio.account("ig_three", "instagram", phoneOf(apps.igThree).serial);
    const created = await studio.api("POST", "/task", { usernames: ["ig_three"], script_name: "follow", script_config: { target_users: ["@user1", "@user2", "@user3"], access_method: "direct" } });
    expect(created.created_count).toBe(3);
    const tasks = await Promise.all((created.task_ids as number[]).map((id) => studio.ended(id, 100_000)));
    expect(tasks.map((task) => [task.status, task.remark])).toEqual([
      [2, "followed @user1"],
      [2, "already following @user2"],
      [2, "followed @user3"],
    ]);
    expect([...apps.igThree.world.following("ig_three")].sort()).toEqual(["user1", "user2", "user3"]);
  }, 120_000);

  test("TikMatrix's Instagram comment example: one task, the comment with an emoji on the post, as the account", async () => {
    await studio.account("ig_commenter", "instagram", phoneOf(apps.igComment).serial);
    const created = await studio.api("POST", "/task", { usernames: ["ig_commenter"], script_name: "comment", script_config: { target_post_url: "https://www.instagram.com/p/ABC123/", comment_content: "Beautiful photo! 📸", insert_emoji: true } });
    expect(created.created_count).toBe(1);
    const task = await studio.ended((created.task_ids as number[])[0]!, 90_000);
    expect(task, studio.diagnostics()).toMatchObject({ status: 2, fail_code: null });
    expect(apps.igComment.world.comments.map((c) => [c.account, c.postId, c.text])).toEqual([["ig_commenter", "ABC123", expect.stringMatching(/^Beautiful photo! 📸 \p{Extended_Pictographic}/u)]]);
  }, 120_000);

  test("match_accounts, then usernames mode with the account it found: the phone's account follows", async () => {
    const { serial } = phoneOf(apps.igMatch);
    const matched = await studio.api("POST", "/task", { serials: [serial], script_name: "match_accounts", script_config: {} });
    expect((await studio.ended((matched.task_ids as number[])[0]!, 60_000)).status).toBe(2);
    const created = await studio.api("POST", "/task", { usernames: ["@studio.found"], script_name: "follow", script_config: { target_users: ["target_user"] } });
    expect(created.created_count).toBe(1);
    expect((await studio.ended((created.task_ids as number[])[0]!, 90_000)).status).toBe(2);
    expect([...apps.igMatch.world.following("studio.found")]).toEqual(["target_user"]);
  }, 150_000);

  test("an account warm-up of TikMatrix's first example, shortened to 30 s: it completes and says what it watched", async () => {
    // The page's example runs 600 s; the suite keeps its fields but not its length.
    await studio.account("ig_warm", "instagram", phoneOf(apps.igWarmup).serial);
    const created = await studio.api("POST", "/task", { usernames: ["ig_warm"], script_name: "account_warmup", script_config: { task_duration: 30, min_duration: 10, max_duration: 30 } });
    const task = await studio.ended((created.task_ids as number[])[0]!, 120_000);
    expect(task, studio.diagnostics()).toMatchObject({ status: 2, remark: expect.stringMatching(/^watched \d+ videos for \d+ s/) });
    expect(apps.igWarmup.world.watches.length).toBeGreaterThanOrEqual(1);
  }, 150_000);

  test("TikMatrix's unfollow example on TikTok: three devices, enable_multi_account, one task each, and none follows @old_account afterwards", async () => {
    const serials = apps.ttUnfollow.map((app) => phoneOf(app).serial);
    // enable_multi_account: a task per account bound to each device, as the studio's accounts are.
    await Promise.all(apps.ttUnfollow.map((app, i) => studio.account(`tt_unfollow${i + 1}`, "tiktok", serials[i] ?? "")));
    const created = await studio.api("POST", "/task", { serials, script_name: "unfollow", script_config: { target_users: ["@old_account"], access_method: "direct" }, enable_multi_account: true });
    expect(created.created_count).toBe(3);
    const tasks = await Promise.all((created.task_ids as number[]).map((id) => studio.ended(id, 100_000)));
    for (const task of tasks) expect(task, studio.diagnostics()).toMatchObject({ status: 2, fail_code: null });
    apps.ttUnfollow.forEach((app, i) => expect([...app.world.following(`tt_unfollow${i + 1}`)]).toEqual([]));
  }, 150_000);

  test("TikMatrix's warm-up ChatGPT example on TikTok, shortened to 30 s and commenting on every video: the comments are the model's, from each caption, and the key is never shown back", async () => {
    const KEY = "sk-e2e-3b2a1f0e9d8c";
    const chat = await startChatServer((request) => ({ comment: `Nice one: ${request.body.messages?.[1]?.content.replace(/^The video's caption: /, "") ?? ""}` }));
    try {
      const config = { task_duration: 30, topic: "tech reviews\ngadgets", min_duration: 3, max_duration: 5, like_probable: 25, comment_probable: 100, generate_by_chatgpt: true, chatgpt_settings: { api_key: KEY, model: "gpt-3.5-turbo", prompt: "Generate a short, friendly comment about this video", base_url: chat.url.replace(/\/chat\/completions$/, "") } };
      const created = await studio.api("POST", "/task", { serials: [phoneOf(apps.ttWarmup).serial], script_name: "account_warmup", script_config: config });
      const id = (created.task_ids as number[])[0]!;
      const task = await studio.ended(id, 120_000);
      expect(task, studio.diagnostics()).toMatchObject({ status: 2, remark: expect.stringMatching(/commented [1-9]/) });
      const comments = apps.ttWarmup.world.comments;
      expect(comments.length).toBeGreaterThanOrEqual(1);
      for (const comment of comments) expect(comment.text).toBe(`Nice one: ${apps.ttWarmup.world.allPosts().find((p) => p.id === comment.postId)?.caption}`);
      expect(chat.requests.every((r) => r.authorization === `Bearer ${KEY}`)).toBe(true);
      expect(JSON.stringify(await studio.task(id))).not.toContain(KEY);
      expect(JSON.stringify(await studio.api("GET", `/task/${id}/logs`))).not.toContain(KEY);
    } finally {
      await chat.close();
    }
  }, 150_000);
});

describe.sequential("faults that touch the whole system", () => {
  test("the agent killed in the middle of a task and started again: the task ends once (1009), nothing runs twice", async () => {
    const { serial } = phoneOf(apps.slow);
    const video = await studio.material("killed.mp4");
    const [id, next] = await studio.post([serial, serial], { material_list: [video.path], upload_wait_time: 60 });
    await studio.until(async () => (apps.slow.posts.length === 1 ? true : undefined), "the phone is uploading");
    await studio.agent.kill();
    expect((await studio.task(id!)).status).toBe(1);

    studio.startAgent();
    // The same agent comes back without the run: it cannot have a result, so the task ends
    // now as agent lost (it may have posted), never run again.
    const task = await studio.ended(id!);
    expect(task, studio.diagnostics()).toMatchObject({ status: 3, fail_code: 1009, retry_count: 0 });
    const after = await studio.ended(next!, 60_000);
    expect(after).toMatchObject({ status: 2 });
    expect(apps.slow.posts).toHaveLength(2);
    expect(apps.slow.posts.map((p) => p.media[0]?.data.equals(video.data))).toEqual([true, true]);
  }, 120_000);

  test("the network drops as a post finishes and the agent is killed: the result waits in its outbox and is stored once after the restart", async () => {
    const { serial } = phoneOf(apps.outbox);
    const video = await studio.material("outbox.mp4");
    const [id] = await studio.post([serial], { material_list: [video.path], captions: "once" });
    // Post tapped; the upload indicator shows for 2 s. Cut the network now, so the result the
    // agent writes when the upload is done cannot reach the server.
    await studio.until(async () => (apps.outbox.posts.length === 1 ? true : undefined), "the phone posts");
    studio.network.cut();
    await studio.until(async () => ((await outboxFiles(studio.agentStateDir, serial)).some((name) => name.endsWith(".result.json")) ? true : undefined), "the result is in the outbox");
    await studio.agent.kill();
    studio.network.restore();
    expect((await studio.task(id!)).status).toBe(1);

    studio.startAgent();
    const task = await studio.ended(id!);
    expect(task, studio.diagnostics()).toMatchObject({ status: 2, fail_code: null, retry_count: 0 });
    expect(apps.outbox.posts).toHaveLength(1);
    await studio.until(async () => ((await outboxFiles(studio.agentStateDir, serial)).length === 0 ? true : undefined), "the outbox is empty (acked)");
    const { logs } = (await studio.api("GET", `/task/${id}/logs`)) as { logs: Array<{ message: string }> };
    expect(logs.filter((line) => line.message.startsWith("pushed "))).toHaveLength(1);
  }, 120_000);

  test("the adb server restarts: every phone goes offline, comes back, and tasks run again", async () => {
    await studio.adb.kill();
    await studio.until(async () => ((await studio.onlineSerials()).length === 0 ? true : undefined), "every phone is offline");
    expect((await studio.adb.run(["start-server"], 20_000)).exitCode).toBe(0);
    const back = studio.phones.filter(({ app }) => app !== apps.unplug);
    for (const { serial } of back) await studio.plugIn(serial);
    await studio.until(async () => ((await studio.onlineSerials()).length === back.length ? true : undefined), "the phones are online again");
    const { serial } = phoneOf(apps.retry);
    const video = await studio.material("after-adb.mp4");
    const [id] = await studio.post([serial], { material_list: [video.path] });
    expect(await studio.ended(id!), studio.diagnostics()).toMatchObject({ status: 2 });
    expect(apps.retry.posts.at(-1)?.media[0]?.data.equals(video.data)).toBe(true);
  }, 120_000);

  test("wrangler dev killed and started again with tasks queued and scheduled: they still run, at their times", async () => {
    const video = await studio.material("after-restart.mp4");
    const [first, second] = apps.scheduled.map((app) => phoneOf(app).serial);
    const startAt = Date.now() + 25_000;
    const scheduledIds = await studio.post([first!, second!], { material_list: [video.path], captions: "scheduled" }, { start_time: new Date(startAt).toISOString() });
    // Queued behind the scheduled one on the same phone.
    const [queued] = await studio.post([first!], { material_list: [video.path], captions: "queued" }, { start_time: new Date(startAt).toISOString() });
    const before = apps.scheduled.map((app) => app.posts.length);

    await studio.server.restart();
    const ids = [...scheduledIds, queued!];
    const tasks: Task[] = [];
    for (const id of ids) tasks.push(await studio.ended(id, 90_000));
    for (const task of tasks) {
      expect(task, studio.diagnostics()).toMatchObject({ status: 2 });
      expect(ms(task.started_at)).toBeGreaterThanOrEqual(startAt);
    }
    expect(ms(tasks[0]!.started_at) - startAt).toBeLessThan(10_000);
    expect(ms(tasks[2]!.started_at)).toBeGreaterThanOrEqual(ms(tasks[0]!.finished_at));
    expect(apps.scheduled[0]!.posts.length - before[0]!).toBe(2);
    expect(apps.scheduled[1]!.posts.length - before[1]!).toBe(1);
  }, 150_000);

  test("SIGTERM: the agent closes its links and exits 0, and its phones go offline", async () => {
    expect(await studio.agent.stop()).toBe(0);
    await studio.until(async () => ((await studio.onlineSerials()).length === 0 ? true : undefined), "every phone is offline");
  }, 60_000);
});

/** The files of one phone's outbox (agent/outbox.ts: one file per result or log line). */
async function outboxFiles(stateDir: string, serial: string): Promise<string[]> {
  return readdir(join(stateDir, "outbox", Buffer.from(serial, "utf8").toString("base64url"))).catch(() => []);
}
