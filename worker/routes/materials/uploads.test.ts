import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createTestWorkspace, type TestWorkspace } from "../../test/workspace-fixture";
import { mp4, png, sha256Hex } from "./test-files";

const MiB = 1024 ** 2;
const PART = 5 * MiB;

async function start(ws: TestWorkspace, body: Record<string, unknown>) {
  const answer = await ws.call("POST", "/api/v1/materials/uploads", body);
  expect(answer.code, answer.message).toBe(0);
  return answer.data as { upload_id: string; part_count: number; missing: number[] };
}

const putPart = (ws: TestWorkspace, id: string, n: number, bytes: Uint8Array | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  ws.call("PUT", `/api/v1/materials/uploads/${id}/parts/${n}`, bytes, { "content-type": "application/octet-stream", ...headers });

const partOf = (bytes: Uint8Array, n: number) => bytes.slice((n - 1) * PART, n * PART);

async function objectsOf(ws: TestWorkspace): Promise<string[]> {
  return (await env.MEDIA.list({ prefix: `materials/${ws.id}/` })).objects.map((object) => object.key);
}

describe("multipart uploads", () => {
  it("takes a file in parts sent in any order, says which are missing after a lost connection, and completes into one material", async () => {
    const ws = await createTestWorkspace();
    const bytes = mp4(11 * MiB);
    const upload = await start(ws, { content_type: "video/mp4", size: bytes.length, part_size: PART, file_name: "long.mp4", tags: ["summer"], caption: "big" });
    expect(upload).toMatchObject({ part_count: 3, missing: [1, 2, 3] });
    expect((await putPart(ws, upload.upload_id, 3, partOf(bytes, 3))).code).toBe(0);
    expect((await putPart(ws, upload.upload_id, 2, partOf(bytes, 2))).code).toBe(0);
    // As a client that reconnects would: which parts does the server have?
    const state = await ws.call("GET", `/api/v1/materials/uploads/${upload.upload_id}`);
    expect(state.data).toMatchObject({ parts: [{ part_number: 2, size: PART }, { part_number: 3, size: MiB }], missing: [1] });
    expect((await putPart(ws, upload.upload_id, 1, partOf(bytes, 1))).code).toBe(0);
    const done = await ws.call("POST", `/api/v1/materials/uploads/${upload.upload_id}/complete`);
    expect(done.code, done.message).toBe(0);
    expect(done.data).toMatchObject({ file_name: "long.mp4", media_type: "video", size: bytes.length, sha256: await sha256Hex(bytes), tags: ["summer"], caption: "big" });
    expect((await ws.call("GET", `/api/v1/materials/uploads/${upload.upload_id}`)).code).toBe(40401);
    expect(await objectsOf(ws)).toHaveLength(1);
    const object = await env.MEDIA.get((await objectsOf(ws))[0] ?? "");
    expect(await sha256Hex(new Uint8Array(await (object as R2ObjectBody).arrayBuffer()))).toBe(await sha256Hex(bytes));
  });

  it("refuses a part of the wrong length, and a first part whose bytes are not the declared type, keeping neither", async () => {
    const ws = await createTestWorkspace();
    const bytes = mp4(6 * MiB);
    const upload = await start(ws, { content_type: "video/mp4", size: bytes.length, part_size: PART });
    const short = await putPart(ws, upload.upload_id, 1, bytes.slice(0, PART - 1));
    expect(short).toMatchObject({ code: 40001, message: `part 1 must be exactly ${PART} bytes with its Content-Length, got ${PART - 1}` });
    const wrong = await putPart(ws, upload.upload_id, 1, png(PART));
    expect(wrong).toMatchObject({ code: 40001, message: "Content-Type is video/mp4 but the bytes are image/png" });
    expect((await putPart(ws, upload.upload_id, 3, new Uint8Array(10))).message).toBe("part_number 3 is past the last part, 2");
    expect((await ws.call("GET", `/api/v1/materials/uploads/${upload.upload_id}`)).data.missing).toEqual([1, 2]);
  });

  it("a part that breaks off partway is not recorded; sent again it is", async () => {
    const ws = await createTestWorkspace();
    const bytes = mp4(6 * MiB);
    const upload = await start(ws, { content_type: "video/mp4", size: bytes.length, part_size: PART });
    let sent = 0;
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= MiB) return controller.error(new Error("connection reset"));
        controller.enqueue(bytes.slice(sent, sent + 256 * 1024));
        sent += 256 * 1024;
      },
    });
    expect((await putPart(ws, upload.upload_id, 1, broken, { "content-length": String(PART) })).code).toBe(40001);
    expect((await ws.call("GET", `/api/v1/materials/uploads/${upload.upload_id}`)).data.missing).toEqual([1, 2]);
    expect((await putPart(ws, upload.upload_id, 1, partOf(bytes, 1))).code).toBe(0);
    expect((await putPart(ws, upload.upload_id, 2, partOf(bytes, 2))).code).toBe(0);
    expect((await ws.call("POST", `/api/v1/materials/uploads/${upload.upload_id}/complete`)).data.sha256).toBe(await sha256Hex(bytes));
  });

  it("refuses to complete with parts missing, naming them", async () => {
    const ws = await createTestWorkspace();
    const bytes = mp4(11 * MiB);
    const upload = await start(ws, { content_type: "video/mp4", size: bytes.length, part_size: PART });
    await putPart(ws, upload.upload_id, 2, partOf(bytes, 2));
    const answer = await ws.call("POST", `/api/v1/materials/uploads/${upload.upload_id}/complete`);
    expect(answer).toMatchObject({ code: 40001, message: "parts 1, 3 have not arrived; PUT them, then complete" });
    expect((await ws.call("GET", "/api/v1/materials")).data.total).toBe(0);
  });

  it("an aborted upload is gone, and leaves no object", async () => {
    const ws = await createTestWorkspace();
    const bytes = mp4(6 * MiB);
    const upload = await start(ws, { content_type: "video/mp4", size: bytes.length, part_size: PART });
    await putPart(ws, upload.upload_id, 1, partOf(bytes, 1));
    expect((await ws.call("DELETE", `/api/v1/materials/uploads/${upload.upload_id}`)).data).toEqual({ upload_id: upload.upload_id, aborted: true });
    expect((await ws.call("GET", `/api/v1/materials/uploads/${upload.upload_id}`)).code).toBe(40401);
    expect((await putPart(ws, upload.upload_id, 2, partOf(bytes, 2))).code).toBe(40401);
    expect(await objectsOf(ws)).toEqual([]);
  });

  it("completing bytes the library already has answers that material, keeping one object", async () => {
    const ws = await createTestWorkspace();
    const bytes = mp4(6 * MiB);
    const single = await ws.call("POST", "/api/v1/materials", bytes, { "content-type": "video/mp4" });
    const upload = await start(ws, { content_type: "video/mp4", size: bytes.length, part_size: PART });
    await putPart(ws, upload.upload_id, 1, partOf(bytes, 1));
    await putPart(ws, upload.upload_id, 2, partOf(bytes, 2));
    const done = await ws.call("POST", `/api/v1/materials/uploads/${upload.upload_id}/complete`);
    expect(done.data).toEqual(single.data);
    expect(await objectsOf(ws)).toHaveLength(1);
  });

  it("refuses a start that breaks a rule or the plan, and another workspace's upload is 40401", async () => {
    const ws = await createTestWorkspace();
    for (const [body, says] of [
      [{ content_type: "image/gif", size: 10 }, "content_type must be one of"],
      [{ content_type: "video/mp4", size: 0 }, "size must be at least 1"],
      [{ content_type: "video/mp4", size: 100, part_size: MiB }, `part_size must be at least ${PART}`],
      [{ content_type: "video/mp4", size: 3 * 1024 ** 3 }, "the Pro plan takes files of at most"],
      [{ content_type: "video/mp4", size: 10, colour: "red" }, "colour"],
    ] as const) {
      const answer = await ws.call("POST", "/api/v1/materials/uploads", body);
      expect(answer.code, says).toBe(40001);
      expect(answer.message).toContain(says);
    }
    const upload = await start(ws, { content_type: "video/mp4", size: 10 });
    const other = await createTestWorkspace();
    for (const [method, path] of [["GET", ""], ["POST", "/complete"], ["DELETE", ""]] as const) {
      expect((await other.call(method, `/api/v1/materials/uploads/${upload.upload_id}${path}`)).code).toBe(40401);
    }
    expect((await putPart(other, upload.upload_id, 1, mp4(12).slice(0, 10))).code).toBe(40401);
    expect((await ws.call("GET", "/api/v1/materials/uploads/not-an-id")).message).toContain("upload_id must be an upload id");
  });
});
