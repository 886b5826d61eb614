import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { addAccount, linkOpened } from "../routes/accounts/test-helpers";
import { mp4 } from "../routes/materials/test-files";
import { ORIGIN, page, sessionForm, signIn, withCookie } from "../test/web-fixture";
import { createTestWorkspace, type TestWorkspace } from "../test/workspace-fixture";

interface TaskRow {
  id: number;
  serial: string;
  username: string | null;
  source: string;
  script_name: string;
  script_config: string;
  scheduled_at: number;
}

const tasksOf = async (ws: TestWorkspace) =>
  (await env.DB.prepare("select id, serial, username, source, script_name, script_config, scheduled_at from tasks where workspace_id = ? order by id").bind(ws.id).all<TaskRow>()).results;

async function addPhones(ws: TestWorkspace, serials: string[]) {
  const now = Date.now();
  for (const serial of serials) await env.DB.prepare("insert into devices (workspace_id, serial, model, created_at) values (?, ?, 'Pixel 7', ?)").bind(ws.id, serial, now).run();
}

/** The form as the page posts it: its defaults, then the fields named (a name may repeat). */
function postFields(fields: [string, string][]): [string, string][] {
  const given = new Set(fields.map(([name]) => name));
  const defaults: [string, string][] = [
    ["request_key", crypto.randomUUID()],
    ["target", "phones"],
    ["content_type", "0"],
    ["image_count", "1"],
    ["media", "pick"],
    ["materials_tags", ""],
    ["captions", ""],
    ["caption_format", "multiline"],
    ["post_way", "share"],
    ["add_sound", "-1"],
    ["origin_sound_volume", "50"],
    ["add_sound_volume", "50"],
    ["placement", "reel"],
    ["start_time", ""],
    ["min_interval", "0"],
    ["max_interval", "0"],
  ];
  return [...defaults.filter(([name]) => !given.has(name)), ...fields];
}

async function submit(token: string, fields: [string, string][]) {
  return page("/post", await sessionForm(token, postFields(fields)));
}

describe("the new-post page", () => {
  it("offers the workspace's phones (with presence), accounts by name, account tags and unused files, and is not refreshed", async () => {
    const ws = await createTestWorkspace();
    const other = await createTestWorkspace();
    await addPhones(ws, ["p1", "p2"]);
    await linkOpened(ws, "p1");
    await addAccount(ws, { username: "amy", platform: "tiktok", device: "p1", tags: ["fashion"] });
    await addAccount(ws, { username: "amy", platform: "instagram", device: "p2" });
    await addAccount(ws, { username: "off", platform: "tiktok", device: "p2", status: 1, tags: ["hidden"] });
    const file = await ws.call("POST", "/api/v1/materials?file_name=dance.mp4", mp4(3000, 71), { "content-type": "video/mp4" });
    await addPhones(other, ["theirs"]);
    const token = await signIn(ws);
    const html = await (await page("/post", withCookie(token))).text();
    expect(html).not.toContain("data-refresh");
    expect(html).toContain('name="serial" value="p1"');
    expect(html).toContain("p1 · Online");
    expect(html).toContain("p2 · offline");
    expect(html).not.toContain("theirs");
    expect(html).toContain("tiktok, instagram");
    expect(html).toContain("#fashion (1 account)");
    expect(html).not.toContain("#hidden");
    expect(html).toContain(`name="material" value="${file.data.id}"`);
    expect(html).toMatch(/name="request_key" value="[0-9a-f-]{36}"/);
  });

  it("creates a post per phone through the API's create, with source ui, the library picking per post by tag, and goes to the list", async () => {
    const ws = await createTestWorkspace();
    await addPhones(ws, ["p1", "p2", "p3"]);
    const token = await signIn(ws);
    const response = await submit(token, [["serial", "p1"], ["serial", "p3"], ["materials_tags", "summer"], ["captions", "Hello##first post #fyp"]]);
    expect(response.status).toBe(303);
    expect(decodeURIComponent(response.headers.get("location") ?? "")).toBe("/tasks?source=ui&notice=2 posts created.");
    const rows = await tasksOf(ws);
    expect(rows.map((r) => [r.serial, r.source, r.script_name])).toEqual([
      ["p1", "ui", "post"],
      ["p3", "ui", "post"],
    ]);
    expect(JSON.parse(rows[0]?.script_config ?? "{}")).toEqual({ content_type: 0, captions: "Hello##first post #fyp", caption_format: "multiline", materials_tags: "summer", post_way: "share", add_sound: "-1" });
    const listed = await ws.call("GET", "/api/v1/task?source=ui");
    expect(listed.data.total).toBe(2);
  });

  it("posts to the accounts chosen, or to the enabled, bound accounts of a tag", async () => {
    const ws = await createTestWorkspace();
    await addAccount(ws, { username: "amy", platform: "tiktok", device: "p1", tags: ["fashion"] });
    await addAccount(ws, { username: "bob", platform: "tiktok", device: "p2", tags: ["fashion"] });
    await addAccount(ws, { username: "cat", platform: "tiktok", device: "p3", tags: ["fashion"], status: 1 });
    await addAccount(ws, { username: "dan", platform: "tiktok", device: "p4" });
    const token = await signIn(ws);
    expect((await submit(token, [["target", "accounts"], ["username", "dan"]])).status).toBe(303);
    expect((await submit(token, [["target", "tag"], ["account_tag", "fashion"]])).status).toBe(303);
    expect((await tasksOf(ws)).map((r) => r.username)).toEqual(["dan", "amy", "bob"]);
    const none = await submit(token, [["target", "tag"], ["account_tag", "nobody"]]);
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("No enabled account bound to a phone has the tag #nobody.");
  });

  it("posts the files chosen on every post, as lib:<id>, a sound with its volumes, at a start time on the workspace's clock", async () => {
    const ws = await createTestWorkspace({ timezone: "Asia/Shanghai" });
    await addPhones(ws, ["p1"]);
    const file = await ws.call("POST", "/api/v1/materials?file_name=dance.mp4", mp4(3000, 72), { "content-type": "video/mp4" });
    const token = await signIn(ws);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const response = await submit(token, [["serial", "p1"], ["media", "chosen"], ["material", String(file.data.id)], ["add_sound", "custom"], ["custom_sound_keyword", "summer vibes"], ["origin_sound_volume", "10"], ["add_sound_volume", "90"], ["start_time", `${tomorrow}T09:30`], ["min_interval", "2"], ["max_interval", "5"]]);
    expect(response.status).toBe(303);
    const [row] = await tasksOf(ws);
    expect(JSON.parse(row?.script_config ?? "{}")).toMatchObject({ material_list: [`lib:${file.data.id}`], add_sound: "custom", custom_sound_keyword: "summer vibes", origin_sound_volume: 10, add_sound_volume: 90 });
    // 09:30 in Shanghai is 01:30 UTC; the first post of a create waits its interval too.
    const due = Date.parse(`${tomorrow}T01:30:00Z`);
    expect(row?.scheduled_at).toBeGreaterThanOrEqual(due);
    expect(row?.scheduled_at).toBeLessThanOrEqual(due + 5 * 60_000);
  });

  it("re-renders a refused form as typed with the API's message, creating nothing", async () => {
    const ws = await createTestWorkspace();
    await addPhones(ws, ["p1"]);
    const token = await signIn(ws);
    const refused = await submit(token, [["serial", "p1"], ["captions", "kept text"], ["min_interval", "9"], ["max_interval", "3"]]);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain("min_interval must not be greater than max_interval");
    expect(html).toContain(">kept text</textarea>");
    expect(html).toMatch(/name="serial" value="p1" checked/);
    const volume = await submit(token, [["serial", "p1"], ["add_sound", "1"], ["origin_sound_volume", "loud"]]);
    expect(volume.status).toBe(400);
    expect(await volume.text()).toContain("origin_sound_volume");
    const none = await submit(token, [["media", "chosen"], ["serial", "p1"]]);
    expect(await none.text()).toContain("Choose at least one file");
    expect(await (await submit(token, [])).text()).toContain("Choose at least one phone.");
    expect(await tasksOf(ws)).toEqual([]);
  });

  it("a second tap with the same form makes no second set of tasks; a forged or foreign post makes none", async () => {
    const ws = await createTestWorkspace();
    await addPhones(ws, ["p1"]);
    const token = await signIn(ws);
    const fields: [string, string][] = [["request_key", "form-1"], ["serial", "p1"]];
    expect((await submit(token, fields)).status).toBe(303);
    expect((await submit(token, fields)).status).toBe(303);
    expect(await tasksOf(ws)).toHaveLength(1);
    const forged = await page("/post", withCookie(token, { method: "POST", body: new URLSearchParams(postFields([["serial", "p1"], ["_csrf", "guess"]])), headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" } }));
    expect(forged.status).toBe(403);
    const foreign = await page("/post", { ...(await sessionForm(token, postFields([["serial", "p1"]]))), headers: { ...((await sessionForm(token, [])).headers as Record<string, string>), origin: "https://evil.test" } });
    expect(foreign.status).toBe(403);
    expect(await tasksOf(ws)).toHaveLength(1);
  });

  it("previews TikTok's title and description of the first posts by the agent's rules", async () => {
    const ws = await createTestWorkspace();
    const token = await signIn(ws);
    const preview = async (captions: string, format = "multiline") => (await page(`/post/preview?${new URLSearchParams({ captions, caption_format: format })}`, withCookie(token))).text();
    const lines = await preview("My title##the description #fyp\nno title here###second line\nthird\nfourth");
    expect([...lines.matchAll(/data-part="title">([^<]*)</g)].map((m) => m[1])).toEqual(["My title", "—", "—"]);
    expect([...lines.matchAll(/data-part="description" class="multiline">([^<]*)</g)].map((m) => m[1])).toEqual(["the description #fyp", "no title here\nsecond line", "third"]);
    const template = await preview("{A|A}##{B|B}\nline two", "spintax");
    expect([...template.matchAll(/data-post="/g)]).toHaveLength(1);
    expect(template).toContain('data-part="title">A<');
    expect(await preview("")).toContain("No caption.");
  });
});
