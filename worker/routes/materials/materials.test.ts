import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createTestWorkspace, type TestWorkspace } from "../../test/workspace-fixture";
import { jpeg, mp4, png, sha256Hex } from "./test-files";

const upload = (ws: TestWorkspace, bytes: Uint8Array | ReadableStream<Uint8Array>, type: string, query = "", headers: Record<string, string> = {}) =>
  ws.call("POST", `/api/v1/materials${query}`, bytes, { "content-type": type, ...headers });

async function uploaded(ws: TestWorkspace, bytes: Uint8Array, type: string, query = "") {
  const answer = await upload(ws, bytes, type, query);
  expect(answer.code, answer.message).toBe(0);
  return answer.data;
}

/** The R2 objects of a workspace's library: a refused upload must leave none. */
async function objectsOf(ws: TestWorkspace): Promise<string[]> {
  return (await env.MEDIA.list({ prefix: `materials/${ws.id}/` })).objects.map((object) => object.key);
}

const content = (ws: TestWorkspace, id: number, headers: Record<string, string> = {}) =>
  SELF.fetch(`https://api.test/api/v1/materials/${id}/content`, { headers: { authorization: `Bearer ${ws.apiKey}`, ...headers } });

describe("POST /api/v1/materials", () => {
  it("stores a file streamed as the raw body, typed by its bytes, with its hash, tags and caption", async () => {
    const ws = await createTestWorkspace();
    const bytes = mp4(50_000);
    const material = await uploaded(ws, bytes, "video/mp4", "?file_name=clip.mp4&tags=summer,%20eu,summer&caption=Hi%20%F0%9F%98%80&username=%40Alice&sort_key=3");
    expect(material).toEqual({
      id: expect.any(Number),
      file_name: "clip.mp4",
      media_type: "video",
      content_type: "video/mp4",
      size: 50_000,
      sha256: await sha256Hex(bytes),
      tags: ["eu", "summer"],
      caption: "Hi 😀",
      username: "alice",
      sort_key: 3,
      used: 0,
      used_at: null,
      used_by_task_id: null,
      used_by_username: null,
      claimed_by_task_id: null,
      created_at: expect.any(Number),
    });
    expect(await objectsOf(ws)).toHaveLength(1);
    const back = await content(ws, material.id);
    expect(back.status).toBe(200);
    expect(back.headers.get("content-type")).toBe("video/mp4");
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(bytes);
  });

  it("takes the metadata from X- headers too, percent-decoded", async () => {
    const ws = await createTestWorkspace();
    const answer = await upload(ws, png(), "image/png", "", { "x-file-name": "caf%C3%A9.png", "x-tags": "a,b", "x-caption": "line%201" });
    expect(answer.data).toMatchObject({ file_name: "café.png", tags: ["a", "b"], caption: "line 1", media_type: "image" });
  });

  it("answers the same bytes uploaded again with the material already stored, keeping one object", async () => {
    const ws = await createTestWorkspace();
    const bytes = jpeg();
    const first = await uploaded(ws, bytes, "image/jpeg", "?tags=one");
    const second = await uploaded(ws, bytes, "image/jpeg", "?tags=two&caption=other");
    expect(second).toEqual(first);
    expect(await objectsOf(ws)).toHaveLength(1);
    // Another workspace's copy of the same bytes is its own material.
    const other = await createTestWorkspace();
    expect((await uploaded(other, bytes, "image/jpeg")).id).not.toBe(first.id);
  });

  it.each([
    ["a type the library does not take", png(), "image/gif", /^Content-Type must be one of video\/mp4, image\/jpeg, image\/png, image\/webp, got "image\/gif"$/],
    ["bytes of another type than declared", png(), "video/mp4", /^Content-Type is video\/mp4 but the bytes are image\/png$/],
    ["bytes of no known type", new TextEncoder().encode("%PDF-1.7 a document, not a video"), "video/mp4", /^the bytes are not a file the library takes/],
    ["an empty file", new Uint8Array(0), "video/mp4", /^the file is empty \(0 bytes\)$/],
  ])("refuses %s with 40001, storing nothing", async (_what, bytes, type, message) => {
    const ws = await createTestWorkspace();
    const answer = await upload(ws, bytes, type);
    expect(answer).toMatchObject({ status: 400, code: 40001 });
    expect(answer.message).toMatch(message);
    expect(await objectsOf(ws)).toEqual([]);
    expect((await ws.call("GET", "/api/v1/materials")).data.total).toBe(0);
  });

  it("refuses a body without Content-Length, pointing to multipart uploads", async () => {
    const ws = await createTestWorkspace();
    const bytes = mp4();
    const stream = new ReadableStream<Uint8Array>({ start: (controller) => (controller.enqueue(bytes), controller.close()) });
    const answer = await upload(ws, stream, "video/mp4");
    expect(answer.code).toBe(40001);
    expect(answer.message).toMatch(/^Content-Length is required.*\/api\/v1\/materials\/uploads/);
    expect(await objectsOf(ws)).toEqual([]);
  });

  it("a body that breaks off partway leaves no object and no material", async () => {
    const ws = await createTestWorkspace();
    const bytes = mp4(200_000);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 100_000) return controller.error(new Error("connection reset"));
        controller.enqueue(bytes.slice(sent, sent + 25_000));
        sent += 25_000;
      },
    });
    const answer = await upload(ws, stream, "video/mp4", "", { "content-length": String(bytes.length) });
    expect(answer.code).toBe(40001);
    expect(answer.message).toMatch(/broke off|ended after/);
    expect(await objectsOf(ws)).toEqual([]);
    expect((await ws.call("GET", "/api/v1/materials")).data.total).toBe(0);
  });

  it("checks the plan's size limit before storing a byte", async () => {
    const ws = await createTestWorkspace({ plan: "pro" });
    const answer = await upload(ws, new ReadableStream<Uint8Array>(), "video/mp4", "", { "content-length": String(3 * 1024 ** 3) });
    expect(answer.code).toBe(40001);
    expect(answer.message).toBe(`the file is ${3 * 1024 ** 3} bytes; the Pro plan takes files of at most ${2 * 1024 ** 3} bytes`);
    expect(await objectsOf(ws)).toEqual([]);
  });

  it("refuses metadata that breaks its rule, naming it, before storing", async () => {
    const ws = await createTestWorkspace();
    for (const [query, field] of [["?file_name=a/b.mp4", "file_name"], ["?sort_key=x", "sort_key"], [`?tags=${"t".repeat(65)}`, "tags[0]"], ["?username=a%20b", "username"]] as const) {
      const answer = await upload(ws, mp4(), "video/mp4", query);
      expect(answer.code, query).toBe(40001);
      expect(answer.message, query).toContain(field);
    }
    expect(await objectsOf(ws)).toEqual([]);
  });
});

describe("the library's other routes", () => {
  it("lists newest first with TikMatrix's paging and the tag, type, used and username filters", async () => {
    const ws = await createTestWorkspace();
    const a = await uploaded(ws, mp4(1000, 1), "video/mp4", "?tags=summer");
    const b = await uploaded(ws, mp4(1000, 2), "video/mp4", "?tags=winter&username=bob");
    const c = await uploaded(ws, png(1000, 3), "image/png", "?tags=summer");
    await ws.call("PATCH", `/api/v1/materials/${a.id}`, { used: 1 });
    const ids = async (query: string) => ((await ws.call("GET", `/api/v1/materials${query}`)).data.materials as Array<{ id: number }>).map((m) => m.id);
    expect(await ids("")).toEqual([c.id, b.id, a.id]);
    expect(await ids("?tag=summer")).toEqual([c.id, a.id]);
    expect(await ids("?type=video")).toEqual([b.id, a.id]);
    expect(await ids("?used=0")).toEqual([c.id, b.id]);
    expect(await ids("?used=1")).toEqual([a.id]);
    expect(await ids("?username=BOB")).toEqual([b.id]);
    expect(await ids("?page=2&page_size=2")).toEqual([a.id]);
    expect((await ws.call("GET", "/api/v1/materials?page_size=2")).data).toMatchObject({ total: 3, page: 1, page_size: 2 });
    expect((await ws.call("GET", "/api/v1/materials?type=gif")).code).toBe(40001);
  });

  it("PATCH changes tags, caption, username, sort key and used; used: 0 forgets who used it", async () => {
    const ws = await createTestWorkspace();
    const m = await uploaded(ws, mp4(), "video/mp4", "?tags=old");
    const patched = await ws.call("PATCH", `/api/v1/materials/${m.id}`, { tags: ["new", "b"], caption: "c", username: "@Carol", sort_key: -2, used: 1 });
    expect(patched.data).toMatchObject({ tags: ["b", "new"], caption: "c", username: "carol", sort_key: -2, used: 1, used_at: expect.any(Number) });
    const back = await ws.call("PATCH", `/api/v1/materials/${m.id}`, { used: 0, tags: [] });
    expect(back.data).toMatchObject({ tags: [], used: 0, used_at: null, used_by_task_id: null });
    expect((await ws.call("PATCH", `/api/v1/materials/${m.id}`, { size: 1 })).message).toContain("size");
  });

  it("serves a byte range for previews and resumed downloads", async () => {
    const ws = await createTestWorkspace();
    const bytes = mp4(10_000);
    const m = await uploaded(ws, bytes, "video/mp4");
    const part = await content(ws, m.id, { range: "bytes=100-199" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe("bytes 100-199/10000");
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.slice(100, 200));
    const tail = await content(ws, m.id, { range: "bytes=9990-" });
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(bytes.slice(9990));
    const suffix = await content(ws, m.id, { range: "bytes=-10" });
    expect(new Uint8Array(await suffix.arrayBuffer())).toEqual(bytes.slice(9990));
    const outside = await content(ws, m.id, { range: "bytes=20000-" });
    expect(outside.status).toBe(400);
    expect(((await outside.json()) as { code: number }).code).toBe(40001);
  });

  it("DELETE removes the material and its bytes", async () => {
    const ws = await createTestWorkspace();
    const m = await uploaded(ws, mp4(), "video/mp4", "?tags=x");
    expect((await ws.call("DELETE", `/api/v1/materials/${m.id}`)).data).toEqual({ id: m.id, deleted: true });
    expect(await objectsOf(ws)).toEqual([]);
    expect((await ws.call("GET", `/api/v1/materials/${m.id}`)).code).toBe(40401);
    expect(await env.DB.prepare("select count(*) as n from material_tags where material_id = ?").bind(m.id).first("n")).toBe(0);
  });

  it("another workspace's material is 40401 on every route, and stays as it was", async () => {
    const owner = await createTestWorkspace();
    const intruder = await createTestWorkspace();
    const m = await uploaded(owner, mp4(), "video/mp4", "?caption=mine");
    for (const [method, path, body] of [
      ["GET", `/api/v1/materials/${m.id}`, undefined],
      ["PATCH", `/api/v1/materials/${m.id}`, { caption: "theirs" }],
      ["DELETE", `/api/v1/materials/${m.id}`, undefined],
    ] as const) {
      expect((await intruder.call(method, path, body)).code, `${method} ${path}`).toBe(40401);
    }
    expect((await content(intruder, m.id)).status).toBe(404);
    expect((await intruder.call("GET", "/api/v1/materials")).data.total).toBe(0);
    expect((await owner.call("GET", `/api/v1/materials/${m.id}`)).data).toEqual(m);
    expect(await objectsOf(owner)).toHaveLength(1);
  });
});

describe("GET /api/v1/agent/materials/{id}/content", () => {
  const agentFetch = (token: string, id: number, headers: Record<string, string> = {}) =>
    SELF.fetch(`https://api.test/api/v1/agent/materials/${id}/content`, { headers: { authorization: `Bearer ${token}`, ...headers } });

  it("streams a material to its workspace's agents, whole or from where a broken download stopped", async () => {
    const ws = await createTestWorkspace();
    const bytes = mp4(30_000);
    const m = await uploaded(ws, bytes, "video/mp4");
    const whole = await agentFetch(ws.agentToken, m.id);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("etag")).toBe(`"${await sha256Hex(bytes)}"`);
    expect(new Uint8Array(await whole.arrayBuffer())).toEqual(bytes);
    const rest = await agentFetch(ws.agentToken, m.id, { range: "bytes=12000-" });
    expect(rest.status).toBe(206);
    expect(new Uint8Array(await rest.arrayBuffer())).toEqual(bytes.slice(12_000));
  });

  it("is 40401 to another workspace's agent, and refuses an API key", async () => {
    const ws = await createTestWorkspace();
    const other = await createTestWorkspace();
    const m = await uploaded(ws, mp4(), "video/mp4");
    const foreign = await agentFetch(other.agentToken, m.id);
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ code: 40401 });
    expect((await agentFetch(ws.apiKey, m.id)).status).toBe(401);
  });
});
