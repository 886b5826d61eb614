import { createScheduledController, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../index";
import { createTestWorkspace, type TestWorkspace } from "../test/workspace-fixture";
import { UPLOAD_LIFETIME_MS } from "./sweep-uploads";

const MiB = 1024 ** 2;

async function startUpload(ws: TestWorkspace): Promise<string> {
  const answer = await ws.call("POST", "/api/v1/materials/uploads", { content_type: "video/mp4", size: 12 * MiB, part_size: 5 * MiB });
  expect(answer.code, answer.message).toBe(0);
  return answer.data.upload_id as string;
}

async function ageUpload(id: string, ms: number): Promise<void> {
  await env.DB.prepare("UPDATE material_uploads SET created_at = created_at - ? WHERE id = ?").bind(ms, id).run();
}

async function r2UploadOf(id: string): Promise<{ key: string; uploadId: string } | null> {
  return env.DB.prepare("SELECT r2_key AS key, r2_upload_id AS uploadId FROM material_uploads WHERE id = ?").bind(id).first();
}

describe("the Cron Trigger's sweep of multipart uploads", () => {
  it("aborts and forgets an upload older than 7 days, in R2 and D1, and leaves a recent one", async () => {
    const ws = await createTestWorkspace();
    const stale = await startUpload(ws);
    const fresh = await startUpload(ws);
    await ws.call("PUT", `/api/v1/materials/uploads/${stale}/parts/3`, new Uint8Array(2 * MiB), { "content-type": "application/octet-stream" });
    const [r2Stale, r2Fresh] = [await r2UploadOf(stale), await r2UploadOf(fresh)];
    await ageUpload(stale, UPLOAD_LIFETIME_MS + 60_000);
    await ageUpload(fresh, UPLOAD_LIFETIME_MS - 60_000);

    await worker.scheduled(createScheduledController({ cron: "23 * * * *" }), env);

    expect(await r2UploadOf(stale)).toBeNull();
    expect(await env.DB.prepare("SELECT count(*) AS n FROM material_upload_parts WHERE upload_id = ?").bind(stale).first("n")).toBe(0);
    expect((await ws.call("GET", `/api/v1/materials/uploads/${stale}`)).code).toBe(40401);
    // R2 no longer takes parts for the swept upload; the recent one still does.
    const part = (upload: { key: string; uploadId: string } | null) => env.MEDIA.resumeMultipartUpload(upload!.key, upload!.uploadId).uploadPart(1, new Uint8Array(5 * MiB));
    await expect(part(r2Stale)).rejects.toThrow();
    await expect(part(r2Fresh)).resolves.toMatchObject({ partNumber: 1 });
    expect((await ws.call("GET", `/api/v1/materials/uploads/${fresh}`)).code).toBe(0);
    // Run again: nothing left to do, nothing breaks.
    await worker.scheduled(createScheduledController({ cron: "23 * * * *" }), env);
    expect((await ws.call("GET", `/api/v1/materials/uploads/${fresh}`)).code).toBe(0);
  });
});
