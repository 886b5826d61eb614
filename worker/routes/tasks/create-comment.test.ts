import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { seedAccount } from "../../test/account-fixture";
import { createTestWorkspace } from "../../test/workspace-fixture";

/** The create of `comment` against TikMatrix's comment-script page: its examples, fan-out, fields and bounds. */
async function stored(workspaceId: string) {
  const { results } = await env.DB.prepare("select serial, script_config, request_index from tasks where workspace_id = ? order by id").bind(workspaceId).all<{ serial: string; script_config: string; request_index: number }>();
  return results.map((row) => ({ ...row, script_config: JSON.parse(row.script_config) as Record<string, unknown> }));
}

const TT = "https://www.tiktok.com/@username/video/1234567890";

describe("comment: TikMatrix's example bodies", () => {
  it.each([
    [{ target_post_url: TT, comment_content: "Amazing video!\nLove this content!\nKeep it up! 👏\nThis is so good!", comment_order: "random" }, "tiktok", 1],
    [{ target_post_urls: ["https://www.tiktok.com/@user1/video/111", "https://www.tiktok.com/@user2/video/222", "https://www.tiktok.com/@user3/video/333"], comment_content: "Great video!\nAwesome!\nLove it!", comment_order: "sequential" }, "tiktok", 3],
    [{ target_post_url: "https://www.instagram.com/p/ABC123/", comment_content: "Beautiful photo! 📸", insert_emoji: true }, "instagram", 1],
    [{ target_post_url: TT, comment_content: "Check out this image!", comment_image_path: "C:/images/my_image.jpg" }, "tiktok", 1],
  ])("%o on %s makes %i tasks", async (config, platform, count) => {
    const ws = await createTestWorkspace({ defaultPlatform: platform as "tiktok" | "instagram" });
    const answer = await ws.call("POST", "/api/v1/task", { serials: ["device_serial_1"], script_name: "comment", script_config: config });
    expect(answer.code, answer.message).toBe(0);
    expect(answer.data.created_count).toBe(count);
  });

  it("makes one task per post per phone, post by post, each with its one URL, the query dropped", async () => {
    const ws = await createTestWorkspace();
    await ws.call("POST", "/api/v1/task", { serials: ["a", "b"], script_name: "comment", script_config: { target_post_url: `${TT}?is_from_webapp=1\nhttps://vm.tiktok.com/ZMabcdef/`, comment_content: "one\ntwo", comment_order: "sequential" } });
    const tasks = await stored(ws.id);
    expect(tasks.map((t) => [t.serial, t.script_config.target_post_urls, t.request_index])).toEqual([
      ["a", [TT], 0],
      ["b", [TT], 1],
      ["a", ["https://vm.tiktok.com/ZMabcdef/"], 2],
      ["b", ["https://vm.tiktok.com/ZMabcdef/"], 3],
    ]);
  });
});

describe("comment: validation", () => {
  it.each([
    [{ comment_content: "hi" }, "script_config.target_post_urls"],
    [{ target_post_url: TT }, "script_config.comment_content"],
    [{ target_post_url: TT, comment_content: " \n " }, "script_config.comment_content"],
    [{ target_post_urls: ["https://example.com/video/1"], comment_content: "hi" }, "script_config.target_post_urls[0]"],
    [{ target_post_url: "https://www.tiktok.com/@u", comment_content: "hi" }, "script_config.target_post_url"],
    [{ target_post_url: TT, comment_content: "x".repeat(151) }, "comment_content: a comment of 151 characters; TikTok takes at most 150"],
    [{ target_post_url: TT, comment_content: "hi", comment_order: "cycle" }, "script_config.comment_order"],
    [{ target_post_url: TT, comment_content: "hi", comment_image_path: "ftp://x/y.jpg" }, "script_config.comment_image_path"],
    [{ target_post_url: "https://www.instagram.com/p/ABC123/", comment_content: "hi" }, "is not a TikTok post"],
  ])("refuses %o with 40001 naming %s", async (config, named) => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("POST", "/api/v1/task", { serials: ["a"], script_name: "comment", script_config: config });
    expect(answer.code, answer.message).toBe(40001);
    expect(answer.message).toContain(named);
    expect(await stored(ws.id)).toHaveLength(0);
  });

  it("refuses an image for an Instagram account's task, naming the account", async () => {
    const ws = await createTestWorkspace();
    await seedAccount(ws.id, { username: "ig_user", platform: "instagram", device: "p" });
    const answer = await ws.call("POST", "/api/v1/task", { usernames: ["ig_user"], script_name: "comment", script_config: { target_post_url: "https://www.instagram.com/reel/ABC123/", comment_content: "hi", comment_image_path: "C:/a.jpg" } });
    expect(answer.code).toBe(40001);
    expect(answer.message).toContain("comment_image_path: Instagram comments take no image");
    expect(answer.message).toContain("@ig_user");
  });
});
