import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { jpeg, mp4, png } from "../routes/materials/test-files";
import { ORIGIN, page, sessionForm, signIn, withCookie } from "../test/web-fixture";
import { createTestWorkspace, type TestWorkspace } from "../test/workspace-fixture";
import { csrfTokenOf } from "./session/csrf";

async function uploaded(ws: TestWorkspace, bytes: Uint8Array, type: string, query = "") {
  const answer = await ws.call("POST", `/api/v1/materials${query}`, bytes, { "content-type": type });
  expect(answer.code, answer.message).toBe(0);
  return answer.data as { id: number; file_name: string };
}

/** A request of the page's upload script: this origin, the session's cookie and its CSRF header. */
async function scripted(token: string, method: string, path: string, body?: BodyInit, headers: Record<string, string> = {}) {
  const init = withCookie(token, { method, body, headers: { origin: ORIGIN, "x-csrf-token": await csrfTokenOf(token), ...headers } });
  const response = await page(`/library/files${path}`, init);
  return { status: response.status, body: (await response.json()) as { code: number; message: string; data: Record<string, unknown> } };
}

const idsOn = async (token: string, query = "") => [...(await (await page(`/library${query}`, withCookie(token))).text()).matchAll(/data-material="(\d+)"/g)].map((m) => Number(m[1]));

describe("the library page", () => {
  it("lists the workspace's materials newest first with their tags and use, filtered by tag, type and use, and is not refreshed (an upload lives on it)", async () => {
    const ws = await createTestWorkspace();
    const other = await createTestWorkspace();
    const video = await uploaded(ws, mp4(5000, 11), "video/mp4", "?file_name=dance.mp4&tags=summer");
    const photo = await uploaded(ws, png(3000, 12), "image/png", "?file_name=beach.png&tags=summer,eu");
    const used = await uploaded(ws, jpeg(3000, 13), "image/jpeg", "?file_name=old.jpg");
    await ws.call("PATCH", `/api/v1/materials/${used.id}`, { used: 1 });
    await uploaded(other, mp4(5000, 14), "video/mp4", "?file_name=not-mine.mp4");
    const token = await signIn(ws);
    expect(await idsOn(token)).toEqual([used.id, photo.id, video.id]);
    expect(await idsOn(token, "?tag=summer")).toEqual([photo.id, video.id]);
    expect(await idsOn(token, "?type=video")).toEqual([video.id]);
    expect(await idsOn(token, "?used=1")).toEqual([used.id]);
    expect(await idsOn(token, "?used=0&type=image")).toEqual([photo.id]);
    const html = await (await page("/library", withCookie(token))).text();
    expect(html).not.toContain("not-mine.mp4");
    expect(html).not.toContain("data-refresh");
    expect(html).toContain("#eu · #summer");
    expect(html).toContain('data-upload="/library/files"');
  });

  it("pages by 24, the next page linked for the script to load", async () => {
    const ws = await createTestWorkspace();
    for (let i = 0; i < 25; i++) await uploaded(ws, png(1000, 100 + i), "image/png");
    const token = await signIn(ws);
    const first = await (await page("/library", withCookie(token))).text();
    expect([...first.matchAll(/data-material="/g)]).toHaveLength(24);
    expect(first).toContain('href="/library?page=2" class="more" data-more="materials"');
    expect(await idsOn(token, "?page=2")).toHaveLength(1);
  });
});

describe("uploading from the page", () => {
  it("goes through the API's multipart upload with the session and its CSRF header: started, a part, resumed state, completed with its tags", async () => {
    const ws = await createTestWorkspace();
    const token = await signIn(ws);
    const bytes = mp4(6000, 21);
    const start = await scripted(token, "POST", "/uploads", JSON.stringify({ content_type: "video/mp4", size: bytes.length, part_size: 5 * 1024 * 1024, file_name: "clip.mp4", tags: ["fresh"], caption: "" }), { "content-type": "application/json" });
    expect(start.body.code, start.body.message).toBe(0);
    const id = start.body.data.upload_id as string;
    expect(start.body.data.missing).toEqual([1]);
    const part = await scripted(token, "PUT", `/uploads/${id}/parts/1`, bytes, { "content-type": "application/octet-stream" });
    expect(part.body.code, part.body.message).toBe(0);
    expect((await scripted(token, "GET", `/uploads/${id}`)).body.data.missing).toEqual([]);
    const done = await scripted(token, "POST", `/uploads/${id}/complete`);
    expect(done.body.code, done.body.message).toBe(0);
    expect(done.body.data).toMatchObject({ file_name: "clip.mp4", media_type: "video", tags: ["fresh"], size: 6000 });
    expect(await idsOn(token)).toEqual([done.body.data.id]);
  });

  it("answers the API's refusals in its envelope (a wrong type is 40001 naming it), and refuses a request without the CSRF header or from another origin", async () => {
    const ws = await createTestWorkspace();
    const token = await signIn(ws);
    const wrong = await scripted(token, "POST", "/uploads", JSON.stringify({ content_type: "video/quicktime", size: 10 }), { "content-type": "application/json" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe(40001);
    expect(wrong.body.message).toContain("content_type");
    const body = JSON.stringify({ content_type: "video/mp4", size: 10 });
    const noToken = await page("/library/files/uploads", withCookie(token, { method: "POST", body, headers: { origin: ORIGIN, "content-type": "application/json" } }));
    expect(noToken.status).toBe(403);
    const foreign = await page("/library/files/uploads", withCookie(token, { method: "POST", body, headers: { origin: "https://evil.test", "content-type": "application/json", "x-csrf-token": await csrfTokenOf(token) } }));
    expect(foreign.status).toBe(403);
    expect((await env.DB.prepare("select count(*) as n from material_uploads where workspace_id = ?").bind(ws.id).first<{ n: number }>())?.n).toBe(0);
  });

  it("stores the browser's thumbnail of a video and serves it on the card; refuses one that is not a small picture", async () => {
    const ws = await createTestWorkspace();
    const video = await uploaded(ws, mp4(5000, 31), "video/mp4", "?file_name=v.mp4");
    const token = await signIn(ws);
    expect((await page(`/library/${video.id}/thumbnail`, withCookie(token))).status).toBe(404);
    expect(await (await page("/library", withCookie(token))).text()).toContain('<span class="pic none">');
    const refused = await scripted(token, "PUT", `/${video.id}/thumbnail`, mp4(2000, 32), { "content-type": "image/jpeg" });
    expect(refused.body.code).toBe(40001);
    expect(refused.body.message).toContain("JPEG, PNG or WebP");
    const tooBig = await scripted(token, "PUT", `/${video.id}/thumbnail`, jpeg(300 * 1024, 33), { "content-type": "image/jpeg" });
    expect(tooBig.body.code).toBe(40001);
    const thumb = jpeg(4000, 34);
    const stored = await scripted(token, "PUT", `/${video.id}/thumbnail`, thumb, { "content-type": "image/jpeg" });
    expect(stored.body.code, stored.body.message).toBe(0);
    const served = await page(`/library/${video.id}/thumbnail`, withCookie(token));
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/jpeg");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(thumb);
    expect(await (await page("/library", withCookie(token))).text()).toContain(`src="/library/${video.id}/thumbnail"`);
  });

  it("shows an image without a thumbnail as itself, and no other workspace's picture or bytes", async () => {
    const ws = await createTestWorkspace();
    const other = await createTestWorkspace();
    const bytes = png(3000, 41);
    const photo = await uploaded(ws, bytes, "image/png");
    const theirs = await uploaded(other, png(3000, 42), "image/png");
    const token = await signIn(ws);
    expect(new Uint8Array(await (await page(`/library/${photo.id}/thumbnail`, withCookie(token))).arrayBuffer())).toEqual(bytes);
    expect((await page(`/library/${theirs.id}/thumbnail`, withCookie(token))).status).toBe(404);
    expect((await page(`/library/files/${theirs.id}/content`, withCookie(token))).status).toBe(404);
    const put = await scripted(token, "PUT", `/${theirs.id}/thumbnail`, jpeg(1000, 43), { "content-type": "image/jpeg" });
    expect(put.body.code).toBe(40401);
  });
});

describe("putting back and deleting from the page", () => {
  it("marks a used material unused, and deletes one with its bytes and thumbnail", async () => {
    const ws = await createTestWorkspace();
    const video = await uploaded(ws, mp4(5000, 51), "video/mp4");
    await ws.call("PATCH", `/api/v1/materials/${video.id}`, { used: 1 });
    const token = await signIn(ws);
    await scripted(token, "PUT", `/${video.id}/thumbnail`, jpeg(1000, 52), { "content-type": "image/jpeg" });
    const back = await page(`/library/${video.id}/unused`, await sessionForm(token, []));
    expect(back.status).toBe(303);
    expect((await ws.call("GET", `/api/v1/materials/${video.id}`)).data.used).toBe(0);
    const gone = await page(`/library/${video.id}/delete`, await sessionForm(token, []));
    expect(decodeURIComponent(gone.headers.get("location") ?? "")).toBe("/library?notice=Deleted.");
    expect((await ws.call("GET", `/api/v1/materials/${video.id}`)).code).toBe(40401);
    expect((await env.MEDIA.list({ prefix: `materials/${ws.id}/` })).objects).toEqual([]);
    expect((await env.MEDIA.list({ prefix: `thumbnails/${ws.id}/` })).objects).toEqual([]);
  });

  it("keeps a material a task holds, saying why; leaves another workspace's alone; refuses a post without the CSRF token", async () => {
    const ws = await createTestWorkspace();
    const other = await createTestWorkspace();
    const held = await uploaded(ws, mp4(5000, 61), "video/mp4");
    await env.DB.prepare("update materials set claimed_by_task_id = 77, claimed_at = ? where id = ?").bind(Date.now(), held.id).run();
    const theirs = await uploaded(other, mp4(5000, 62), "video/mp4");
    const token = await signIn(ws);
    const refused = await page(`/library/${held.id}/delete`, await sessionForm(token, []));
    expect(decodeURIComponent(refused.headers.get("location") ?? "")).toContain("is held by task 77");
    expect((await ws.call("GET", `/api/v1/materials/${held.id}`)).code).toBe(0);
    await page(`/library/${theirs.id}/delete`, await sessionForm(token, []));
    expect((await other.call("GET", `/api/v1/materials/${theirs.id}`)).code).toBe(0);
    const mine = await uploaded(ws, png(1000, 63), "image/png");
    const forged = await page(`/library/${mine.id}/delete`, withCookie(token, { method: "POST", body: new URLSearchParams({ _csrf: "guess" }), headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" } }));
    expect(forged.status).toBe(403);
    expect((await ws.call("GET", `/api/v1/materials/${mine.id}`)).code).toBe(0);
  });
});
