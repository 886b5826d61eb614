import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { seedAccount } from "../../test/account-fixture";
import { createTestWorkspace } from "../../test/workspace-fixture";

/** A post config the create accepts: one video on the agent's PC. */
const CLIP = { material_list: ["clip.mp4"] };
const CLIP_TAGS = { ...CLIP, material_list: [], material_source: "localFolder", material_path: "D:/v", materials_tags: "cats" };

const post = (config: Record<string, unknown> = {}) => ({ script_name: "post", script_config: { ...CLIP, ...config } });

async function storedTasks(workspaceId: string) {
  const { results } = await env.DB.prepare(
    "select id, serial, username, account_id, platform, package_name, scheduled_at, created_at from tasks where workspace_id = ? order by id",
  )
    .bind(workspaceId)
    .all<{
      id: number;
      serial: string;
      username: string | null;
      account_id: number | null;
      platform: string;
      package_name: string | null;
      scheduled_at: number;
      created_at: number;
    }>();
  return results;
}

describe("POST /api/v1/task with serials", () => {
  it("answers the curl example of TikMatrix's page with one task id", async () => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("POST", "/api/v1/task", {
      serials: ["device_serial_1"],
      script_name: "post",
      script_config: {
        content_type: 0,
        captions: "看看我的新视频!#热门 #推荐",
        material_list: ["C:/Videos/video1.mp4"],
        upload_wait_time: 60,
      },
    });
    expect(answer.status).toBe(200);
    expect({ code: answer.code, message: answer.message, data: answer.data }).toEqual({
      code: 0,
      message: "success",
      data: { task_ids: [expect.any(Number)], created_count: 1 },
    });
  });

  it("creates one pending task per serial, in the order given, with increasing ids", async () => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("POST", "/api/v1/task", { serials: ["a", "b", "c"], ...post({ captions: "hi" }) });
    expect(answer.data.created_count).toBe(3);
    const ids = answer.data.task_ids as number[];
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
    expect((await storedTasks(ws.id)).map((t) => t.serial)).toEqual(["a", "b", "c"]);
    const task = await ws.call("GET", `/api/v1/task/${ids[0]}`);
    expect(task.data).toMatchObject({ serial: "a", status: 0, source: "api", username: null, script_config: { ...CLIP, captions: "hi" } });
  });

  it("stores script_config exactly as given, without filling defaults", async () => {
    const ws = await createTestWorkspace();
    const config = { ...CLIP, captions: "x", upload_wait_time: 5 };
    const answer = await ws.call("POST", "/api/v1/task", { serials: ["a"], ...post(config) });
    const task = await ws.call("GET", `/api/v1/task/${answer.data.task_ids[0]}`);
    expect(task.data.script_config).toEqual(config);
  });

  it("uses the workspace's default platform for device-mode tasks", async () => {
    const ws = await createTestWorkspace({ defaultPlatform: "instagram" });
    await ws.call("POST", "/api/v1/task", { serials: ["a"], ...post() });
    expect((await storedTasks(ws.id))[0]?.platform).toBe("instagram");
  });

  it("records an unknown serial as a device of the workspace", async () => {
    const ws = await createTestWorkspace();
    await ws.call("POST", "/api/v1/task", { serials: ["new-phone"], ...post() });
    const devices = await ws.call("GET", "/api/v1/devices");
    expect(devices.data.devices.map((d: { serial: string }) => d.serial)).toContain("new-phone");
  });

  it("creates 1,000 tasks in one request, every statement within D1's 100 parameters", async () => {
    const ws = await createTestWorkspace();
    const serials = Array.from({ length: 1000 }, (_, i) => `phone-${String(i).padStart(4, "0")}`);
    // The Worker's D1 handle refuses any statement binding more than 100 parameters
    // (worker/db/param-limit.ts), so this create fails if its inserts are not chunked.
    const answer = await ws.call("POST", "/api/v1/task", { serials, ...post({ captions: "bulk" }) });
    expect(answer.code).toBe(0);
    expect(answer.data.created_count).toBe(1000);
    expect(new Set(answer.data.task_ids).size).toBe(1000);
    expect((await storedTasks(ws.id)).map((t) => t.serial)).toEqual(serials);
  });

  it("refuses 1,001 serials with 40001 naming the field, creating nothing", async () => {
    const ws = await createTestWorkspace();
    const serials = Array.from({ length: 1001 }, (_, i) => `p${i}`);
    const answer = await ws.call("POST", "/api/v1/task", { serials, ...post() });
    expect(answer.code).toBe(40001);
    expect(answer.message).toMatch(/serials/);
    expect(await storedTasks(ws.id)).toHaveLength(0);
  });
});

describe("POST /api/v1/task with usernames", () => {
  it("makes one task per username on the account's bound phone, the name compared as the platforms compare it (@, case, NFKC)", async () => {
    const ws = await createTestWorkspace();
    const alice = await seedAccount(ws.id, { username: "alice", device: "phone-1", packageName: "com.zhiliaoapp.musically" });
    await seedAccount(ws.id, { username: "bob", device: "phone-2", platform: "instagram" });
    const answer = await ws.call("POST", "/api/v1/task", { usernames: ["@Alice", "ｂｏｂ"], ...post() });
    expect(answer.data.created_count).toBe(2);
    expect(await storedTasks(ws.id)).toMatchObject([
      { serial: "phone-1", username: "alice", account_id: alice, platform: "tiktok", package_name: "com.zhiliaoapp.musically" },
      { serial: "phone-2", username: "bob", platform: "instagram" },
    ]);
  });

  it("refuses an unknown username with 40004 naming it, creating nothing", async () => {
    const ws = await createTestWorkspace();
    await seedAccount(ws.id, { username: "alice", device: "phone-1" });
    const answer = await ws.call("POST", "/api/v1/task", { usernames: ["alice", "@ghost"], ...post() });
    expect(answer.status).toBe(400);
    expect(answer.code).toBe(40004);
    expect(answer.message).toContain("@ghost");
    expect(await storedTasks(ws.id)).toHaveLength(0);
  });

  it("refuses an account bound to no phone with 40004", async () => {
    const ws = await createTestWorkspace();
    await seedAccount(ws.id, { username: "loose" });
    const answer = await ws.call("POST", "/api/v1/task", { usernames: ["loose"], ...post() });
    expect(answer.code).toBe(40004);
    expect(answer.message).toContain("@loose is not bound to a device");
  });

  it("refuses a disabled account with 40004", async () => {
    const ws = await createTestWorkspace();
    await seedAccount(ws.id, { username: "off", device: "phone-1", status: 1 });
    const answer = await ws.call("POST", "/api/v1/task", { usernames: ["off"], ...post() });
    expect(answer.code).toBe(40004);
    expect(answer.message).toContain("@off is disabled");
  });

  it("never resolves another workspace's account", async () => {
    const mine = await createTestWorkspace();
    const theirs = await createTestWorkspace();
    await seedAccount(theirs.id, { username: "shared_name", device: "their-phone" });
    const answer = await mine.call("POST", "/api/v1/task", { usernames: ["shared_name"], ...post() });
    expect(answer.code).toBe(40004);
  });

  it("uses usernames and ignores serials when both are given, as TikMatrix does", async () => {
    const ws = await createTestWorkspace();
    await seedAccount(ws.id, { username: "alice", device: "phone-1" });
    const answer = await ws.call("POST", "/api/v1/task", { usernames: ["alice"], serials: ["other"], ...post() });
    expect(answer.data.created_count).toBe(1);
    expect((await storedTasks(ws.id)).map((t) => t.serial)).toEqual(["phone-1"]);
  });
});

describe("POST /api/v1/task with enable_multi_account", () => {
  it("makes one task per enabled account bound to each phone, phone by phone", async () => {
    const ws = await createTestWorkspace();
    await seedAccount(ws.id, { username: "a1", device: "phone-a" });
    await seedAccount(ws.id, { username: "b1", device: "phone-b" });
    await seedAccount(ws.id, { username: "a2", device: "phone-a" });
    await seedAccount(ws.id, { username: "a3-off", device: "phone-a", status: 1 });
    const answer = await ws.call("POST", "/api/v1/task", { serials: ["phone-a", "phone-b"], enable_multi_account: true, ...post() });
    expect(answer.data.created_count).toBe(3);
    expect((await storedTasks(ws.id)).map((t) => [t.serial, t.username])).toEqual([
      ["phone-a", "a1"],
      ["phone-a", "a2"],
      ["phone-b", "b1"],
    ]);
  });

  it("refuses a phone with no enabled account, naming it, and creates nothing", async () => {
    const ws = await createTestWorkspace();
    await seedAccount(ws.id, { username: "a1", device: "phone-a" });
    const answer = await ws.call("POST", "/api/v1/task", { serials: ["phone-a", "bare"], enable_multi_account: true, ...post() });
    expect(answer.code).toBe(40001);
    expect(answer.message).toContain('"bare"');
    expect(await storedTasks(ws.id)).toHaveLength(0);
  });

  it("is ignored in username mode", async () => {
    const ws = await createTestWorkspace();
    await seedAccount(ws.id, { username: "a1", device: "phone-a" });
    await seedAccount(ws.id, { username: "a2", device: "phone-a" });
    const answer = await ws.call("POST", "/api/v1/task", { usernames: ["a1"], enable_multi_account: true, ...post() });
    expect(answer.data.created_count).toBe(1);
  });
});

describe("POST /api/v1/task intervals", () => {
  it("delays each task by whole seconds within [min_interval, max_interval] minutes", async () => {
    const ws = await createTestWorkspace();
    const serials = Array.from({ length: 50 }, (_, i) => `p${i}`);
    await ws.call("POST", "/api/v1/task", { serials, min_interval: 1, max_interval: 3, ...post() });
    const delays = (await storedTasks(ws.id)).map((t) => t.scheduled_at - t.created_at);
    for (const delay of delays) {
      expect(delay % 1000).toBe(0);
      expect(delay).toBeGreaterThanOrEqual(60_000);
      expect(delay).toBeLessThanOrEqual(180_000);
    }
    expect(new Set(delays).size).toBeGreaterThan(1);
  });

  it("schedules every task at once when no interval is given", async () => {
    const ws = await createTestWorkspace();
    await ws.call("POST", "/api/v1/task", { serials: ["a", "b"], ...post() });
    for (const t of await storedTasks(ws.id)) expect(t.scheduled_at).toBe(t.created_at);
  });

  it.each([
    [{ min_interval: 5, max_interval: 1 }, "min_interval"],
    [{ min_interval: -1 }, "min_interval"],
    [{ max_interval: 1441 }, "max_interval"],
    [{ max_interval: 1.5 }, "max_interval"],
    [{ min_interval: "1" }, "min_interval"],
  ])("refuses %o with 40001 naming %s", async (intervals, field) => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("POST", "/api/v1/task", { serials: ["a"], ...intervals, ...post() });
    expect(answer.code).toBe(40001);
    expect(answer.message).toContain(field);
  });
});

describe("POST /api/v1/task validation", () => {
  it.each([
    [{ serials: ["a"], script_config: CLIP }, 40002, "script_name"],
    [{ serials: ["a"], script_name: "", script_config: CLIP }, 40002, "script_name"],
    [{ serials: ["a"], script_name: "login", script_config: CLIP }, 40003, "login"],
    [{ serials: ["a"], script_name: 7, script_config: CLIP }, 40001, "script_name"],
    [{ script_name: "post", script_config: CLIP }, 40001, "serials or usernames"],
    [{ serials: [], script_name: "post", script_config: CLIP }, 40001, "serials"],
    [{ serials: "a", script_name: "post", script_config: CLIP }, 40001, "serials"],
    [{ serials: ["has space"], script_name: "post", script_config: CLIP }, 40001, "serials[0]"],
    [{ serials: ["a"], script_name: "post" }, 40001, "script_config"],
    [{ serials: ["a"], script_name: "post", script_config: [] }, 40001, "script_config"],
    [{ serials: ["a"], script_name: "post", script_config: CLIP, enable_multi_account: "yes" }, 40001, "enable_multi_account"],
    [{ serials: ["a"], script_name: "post", script_config: CLIP, serial: "typo" }, 40001, "serial"],
    [{ serials: ["a"], script_name: "post", script_config: { ...CLIP, caption: "typo" } }, 40001, "script_config.caption"],
    [{ serials: ["a"], script_name: "post", script_config: { ...CLIP, content_type: 2 } }, 40001, "script_config.content_type"],
    [{ serials: ["a"], script_name: "post", script_config: { ...CLIP, upload_wait_time: "60" } }, 40001, "script_config.upload_wait_time"],
    [{ serials: ["a"], script_name: "post", script_config: { ...CLIP, upload_wait_time: 3601 } }, 40001, "script_config.upload_wait_time"],
    [{ serials: ["a"], script_name: "post", script_config: { material_list: ["ok.mp4", 3] } }, 40001, "script_config.material_list[1]"],
    [{ serials: ["a"], script_name: "post", script_config: { material_list: ["http://insecure/x.mp4"] } }, 40001, "script_config.material_list[0]"],
    [{ serials: ["a"], script_name: "post", script_config: { ...CLIP, post_way: "fax" } }, 40001, "script_config.post_way"],
    [{ serials: ["a"], script_name: "post", script_config: { ...CLIP, placement: "feed" } }, 40001, "script_config.placement"],
    [{ serials: ["a"], script_name: "post", script_config: { ...CLIP, origin_sound_volume: 101 } }, 40001, "script_config.origin_sound_volume"],
    [{ serials: ["a"], script_name: "post", script_config: { ...CLIP, add_sound: "loud" } }, 40001, "script_config.add_sound"],
  ])("answers %o with %i naming %s, creating nothing", async (body, code, named) => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("POST", "/api/v1/task", body);
    expect(answer.code).toBe(code);
    expect(answer.status).toBe(Math.floor(code / 100));
    expect(answer.message).toContain(named);
    expect(answer.data).toBeNull();
    expect(await storedTasks(ws.id)).toHaveLength(0);
  });

  it("accepts every TikMatrix post field at its bounds, where it applies", async () => {
    const ws = await createTestWorkspace();
    const tiktok = await ws.call("POST", "/api/v1/task", {
      serials: ["a"],
      ...post({
        content_type: 0,
        image_count: 1,
        captions: "{Hi|Hello} there###line two\nSecond caption",
        caption_format: "multiline",
        material_list: ["C:/a.mp4", "https://cdn.example.com/b.mp4"],
        material_source: "localFolder",
        material_path: "D:/videos",
        post_way: "useSound",
        upload_wait_time: 3600,
        sound_wait_time: 0,
        add_sound: -1,
        sound_name: "https://www.tiktok.com/music/original-sound-7473897776619834646",
        custom_sound_keyword: "",
        origin_sound_volume: 0,
        add_sound_volume: 100,
        add_product_link: 1,
        ai_label: true,
        placement: "reel",
      }),
    });
    expect(tiktok.code, tiktok.message).toBe(0);
    const images = await ws.call("POST", "/api/v1/task", {
      serials: ["a"],
      ...post({ content_type: 1, image_count: 35, caption_format: "spintax", add_sound: "custom", custom_sound_keyword: "lofi beats", add_sound_volume: 0, ai_label: 1 }),
    });
    expect(images.code, images.message).toBe(0);
    const instagram = await createTestWorkspace({ defaultPlatform: "instagram" });
    const story = await instagram.call("POST", "/api/v1/task", { serials: ["a"], ...post({ placement: "story", post_way: "addButton", ai_label: false }) });
    expect(story.code, story.message).toBe(0);
  });

  it("takes material_source localFolder without material_list, the sound then from the folder's files", async () => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("POST", "/api/v1/task", {
      serials: ["a"],
      script_name: "post",
      script_config: { material_source: "localFolder", material_path: "D:/studio", post_way: "useSound" },
    });
    expect(answer.code, answer.message).toBe(0);
  });
});

describe("POST /api/v1/task refuses what the post would not do", () => {
  const refused = async (config: Record<string, unknown>, field: string, why: RegExp, platform: "tiktok" | "instagram" = "tiktok") => {
    const ws = await createTestWorkspace({ defaultPlatform: platform });
    const answer = await ws.call("POST", "/api/v1/task", { serials: ["a"], script_name: "post", script_config: config });
    expect({ code: answer.code, data: answer.data }).toEqual({ code: 40001, data: null });
    expect(answer.message).toContain(`script_config.${field}`);
    expect(answer.message).toMatch(why);
    expect(await storedTasks(ws.id)).toHaveLength(0);
  };

  it("takes the default material library, with materials_tags only where the library picks", async () => {
    const ws = await createTestWorkspace();
    for (const config of [{}, { material_source: "materialLibrary", materials_tags: "summer，beach, summer" }]) {
      const answer = await ws.call("POST", "/api/v1/task", { serials: ["a"], script_name: "post", script_config: config });
      expect(answer.code, answer.message).toBe(0);
    }
    await refused({ ...CLIP, materials_tags: "cats" }, "materials_tags", /material_list names the files itself/);
    await refused({ materials_tags: "x".repeat(65) }, "materials_tags", /a tag of 65 characters; a tag is at most 64/);
    await refused({ materials_tags: Array.from({ length: 51 }, (_, i) => `t${i}`).join(",") }, "materials_tags", /names 51 tags; at most 50/);
  });

  it.each([
    [{ material_source: "localFolder" }, "material_path", /required with material_source "localFolder"/],
    [{ ...CLIP_TAGS }, "materials_tags", /material_source is "localFolder"/],
    [{ ...CLIP, image_count: 3 }, "image_count", /content_type 1/],
    [{ ...CLIP, post_way: "useSound" }, "sound_name", /required with post_way "useSound"/],
    [{ ...CLIP, post_way: "useSound", sound_name: "x", add_sound: "1" }, "add_sound", /does not apply with post_way "useSound"/],
    [{ ...CLIP, sound_name: "lofi" }, "sound_name", /only with post_way "useSound"/],
    [{ ...CLIP, post_way: "useSound", sound_name: "https://example.com/sound" }, "sound_name", /TikTok link/],
    [{ ...CLIP, post_way: "useSound", sound_name: "http://www.tiktok.com/music/x-1" }, "sound_name", /TikTok link/],
    [{ ...CLIP, add_sound: "custom" }, "custom_sound_keyword", /required with add_sound "custom"/],
    [{ ...CLIP, add_sound: "1", custom_sound_keyword: "lofi" }, "custom_sound_keyword", /only with add_sound "custom"/],
    [{ ...CLIP, origin_sound_volume: 20 }, "origin_sound_volume", /only when a sound is added/],
    [{ ...CLIP, add_sound: 0, add_sound_volume: 80 }, "add_sound_volume", /only when a sound is added/],
    [{ ...CLIP, content_type: 1, add_sound: "1", origin_sound_volume: 10 }, "origin_sound_volume", /a photo post has none/],
    [{ ...CLIP, ai_label: "yes" }, "ai_label", /wrong type/],
    [{ ...CLIP, caption_format: "lines" }, "caption_format", /"multiline", "spintax"/],
  ])("refuses %j naming %s", async (config, field, why) => {
    await refused(config, field, why);
  });

  it.each([
    [{ ...CLIP, post_way: "useSound", sound_name: "lofi" }, "post_way", /TikTok sound/],
    [{ ...CLIP, placement: "story", post_way: "useSound", sound_name: "lofi" }, "post_way", /TikTok sound/],
    [{ ...CLIP, add_sound: "1" }, "add_sound", /TikTok's/],
    [{ ...CLIP, add_product_link: 1 }, "add_product_link", /TikTok's/],
    [{ ...CLIP, placement: "story", ai_label: true }, "ai_label", /no AI label on a story/],
    [{ ...CLIP, placement: "story", content_type: 1, image_count: 2 }, "image_count", /story posts one image/],
  ])("refuses %j for Instagram naming %s and the platform", async (config, field, why) => {
    await refused(config, field, why, "instagram");
    const ws = await createTestWorkspace({ defaultPlatform: "instagram" });
    const answer = await ws.call("POST", "/api/v1/task", { serials: ["rack-3"], script_name: "post", script_config: config });
    expect(answer.message).toContain("phone rack-3 posts to the workspace's default platform, instagram");
  });

  it("refuses placement story for TikTok", async () => {
    await refused({ ...CLIP, placement: "story" }, "placement", /Instagram's/);
  });

  it("names the account whose platform cannot, and creates none of the create's tasks", async () => {
    const ws = await createTestWorkspace();
    await seedAccount(ws.id, { username: "tt_one", device: "p1" });
    await seedAccount(ws.id, { username: "ig_one", device: "p2", platform: "instagram" });
    const answer = await ws.call("POST", "/api/v1/task", { usernames: ["tt_one", "ig_one"], ...post({ add_product_link: 1 }) });
    expect(answer.code).toBe(40001);
    expect(answer.message).toBe("script_config.add_product_link is TikTok's (a TikTok Shop product): leave it 0 for Instagram (account @ig_one is on instagram)");
    expect(await storedTasks(ws.id)).toHaveLength(0);
  });
});

describe("POST /api/v1/task is all or nothing", () => {
  it("creates nothing when one username of many is bad", async () => {
    const ws = await createTestWorkspace();
    for (let i = 0; i < 5; i++) await seedAccount(ws.id, { username: `u${i}`, device: `p${i}` });
    const answer = await ws.call("POST", "/api/v1/task", { usernames: ["u0", "u1", "u2", "nobody", "u3", "u4"], ...post() });
    expect(answer.code).toBe(40004);
    expect(await storedTasks(ws.id)).toHaveLength(0);
    const devices = await env.DB.prepare("select count(*) as n from devices where workspace_id = ?").bind(ws.id).first<{ n: number }>();
    expect(devices?.n).toBe(0);
  });

  it("rolls back every insert when the batch fails part way", async () => {
    const ws = await createTestWorkspace();
    // A trigger makes the database refuse the 900th task, after several insert statements
    // of the same batch have already run: none of the earlier rows may survive.
    await env.DB.exec(
      `CREATE TRIGGER refuse_p900 BEFORE INSERT ON tasks WHEN NEW.serial = 'p900' BEGIN SELECT RAISE(ABORT, 'refused for the test'); END`,
    );
    try {
      const serials = Array.from({ length: 1000 }, (_, i) => `p${i}`);
      const answer = await ws.call("POST", "/api/v1/task", { serials, ...post() });
      expect(answer.code).toBe(50001);
      expect(answer.message).toBe("internal error");
      expect(await storedTasks(ws.id)).toHaveLength(0);
    } finally {
      await env.DB.exec("DROP TRIGGER refuse_p900");
    }
  });
});

describe("POST /api/v1/task with Idempotency-Key", () => {
  it("answers a repeat with the first answer and creates nothing new", async () => {
    const ws = await createTestWorkspace();
    const body = { serials: ["a", "b"], ...post() };
    const first = await ws.call("POST", "/api/v1/task", body, { "idempotency-key": "order-42" });
    const again = await ws.call("POST", "/api/v1/task", body, { "idempotency-key": "order-42" });
    expect(again.data).toEqual(first.data);
    expect(await storedTasks(ws.id)).toHaveLength(2);
  });

  it("creates anew under a different key", async () => {
    const ws = await createTestWorkspace();
    const body = { serials: ["a"], ...post() };
    await ws.call("POST", "/api/v1/task", body, { "idempotency-key": "k1" });
    await ws.call("POST", "/api/v1/task", body, { "idempotency-key": "k2" });
    expect(await storedTasks(ws.id)).toHaveLength(2);
  });

  it("refuses the same key with another body with 40901", async () => {
    const ws = await createTestWorkspace();
    await ws.call("POST", "/api/v1/task", { serials: ["a"], ...post() }, { "idempotency-key": "k" });
    const other = await ws.call("POST", "/api/v1/task", { serials: ["b"], ...post() }, { "idempotency-key": "k" });
    expect(other.code).toBe(40901);
    expect(await storedTasks(ws.id)).toHaveLength(1);
  });

  it("keeps keys apart between workspaces", async () => {
    const a = await createTestWorkspace();
    const b = await createTestWorkspace();
    const body = { serials: ["x"], ...post() };
    const fromA = await a.call("POST", "/api/v1/task", body, { "idempotency-key": "same" });
    const fromB = await b.call("POST", "/api/v1/task", body, { "idempotency-key": "same" });
    expect(fromB.data.task_ids).not.toEqual(fromA.data.task_ids);
  });

  it("gives one set of tasks to concurrent repeats", async () => {
    const ws = await createTestWorkspace();
    const body = { serials: ["a", "b", "c"], ...post() };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => ws.call("POST", "/api/v1/task", body, { "idempotency-key": "race" })),
    );
    for (const answer of answers) expect(answer.data).toEqual(answers[0]?.data);
    expect(await storedTasks(ws.id)).toHaveLength(3);
  });

  it("refuses a key with spaces with 40001", async () => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("POST", "/api/v1/task", { serials: ["a"], ...post() }, { "idempotency-key": "has space" });
    expect(answer.code).toBe(40001);
    expect(answer.message).toContain("Idempotency-Key");
  });
});

describe("POST /api/v1/task with start_time", () => {
  const clockIn = (timeZone: string, epochMs: number) =>
    new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(epochMs);

  it("schedules \"HH:MM\" that has passed today for tomorrow, in the workspace's zone", async () => {
    const ws = await createTestWorkspace({ timezone: "Asia/Shanghai" });
    const before = Date.now();
    const answer = await ws.call("POST", "/api/v1/task", {
      serials: ["a"],
      start_time: clockIn("Asia/Shanghai", before - 5 * 60_000),
      ...post(),
    });
    const [task] = await storedTasks(ws.id);
    expect(answer.code).toBe(0);
    const ahead = (task?.scheduled_at ?? 0) - before;
    expect(ahead).toBeGreaterThan(23 * 3_600_000);
    expect(ahead).toBeLessThanOrEqual(24 * 3_600_000);
  });

  it("shows start_time on the workspace's clock", async () => {
    const ws = await createTestWorkspace({ timezone: "Asia/Shanghai" });
    const due = new Date(Math.ceil((Date.now() + 2 * 86_400_000) / 60_000) * 60_000);
    const answer = await ws.call("POST", "/api/v1/task", { serials: ["a"], start_time: due.toISOString(), ...post() });
    const task = await ws.call("GET", `/api/v1/task/${answer.data.task_ids[0]}`);
    // Swedish dates read "YYYY-MM-DD HH:MM:SS": TikMatrix's format, computed independently.
    const expected = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "medium" }).format(due);
    expect(task.data.start_time).toBe(expected);
    expect(task.data.scheduled_at).toBe(due.toISOString());
  });

  it("takes an empty start_time as now, as TikMatrix's UI sends it", async () => {
    const ws = await createTestWorkspace();
    const before = Date.now();
    const answer = await ws.call("POST", "/api/v1/task", { serials: ["a"], start_time: "", ...post() });
    expect(answer.code, answer.message).toBe(0);
    const [task] = await storedTasks(ws.id);
    expect(task?.scheduled_at).toBeGreaterThanOrEqual(before);
    expect(task?.scheduled_at).toBeLessThanOrEqual(Date.now());
  });

  it("refuses a malformed start_time with 40001 naming it", async () => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("POST", "/api/v1/task", { serials: ["a"], start_time: "25:00", ...post() });
    expect(answer.code).toBe(40001);
    expect(answer.message).toContain("start_time");
  });
});
