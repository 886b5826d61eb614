import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { openDb } from "../db/client";
import { jpeg, mp4 } from "../routes/materials/test-files";
import { createTestWorkspace, type TestWorkspace } from "../test/workspace-fixture";
import { type ClaimRequest, claimMaterials, releaseClaims } from "./claim";

const db = () => openDb(env.DB);

async function upload(ws: TestWorkspace, bytes: Uint8Array, type: string, query = ""): Promise<number> {
  const answer = await ws.call("POST", `/api/v1/materials${query}`, bytes, { "content-type": type });
  expect(answer.code, answer.message).toBe(0);
  return answer.data.id as number;
}

const video = (ws: TestWorkspace, taskId: number, extra: Partial<ClaimRequest> = {}): ClaimRequest => ({
  workspaceId: ws.id,
  taskId,
  mediaType: "video",
  count: 1,
  tags: [],
  username: null,
  now: Date.now(),
  ...extra,
});

describe("claimMaterials", () => {
  it("20 phones claiming at once from 10 videos: 10 get one each, no file twice, 10 get none", async () => {
    const ws = await createTestWorkspace();
    const ids = await Promise.all(Array.from({ length: 10 }, (_, i) => upload(ws, mp4(64, i + 1), "video/mp4")));
    const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => claimMaterials(db(), video(ws, 1000 + i))));
    const got = claims.filter((claim) => claim.length === 1).map((claim) => claim[0]?.id);
    expect(got).toHaveLength(10);
    expect(new Set(got).size).toBe(10);
    expect([...got].sort()).toEqual([...ids].sort());
    expect(claims.filter((claim) => claim.length === 0)).toHaveLength(10);
  });

  it("prefers a material meant for the task's account, and keeps to the tags asked for", async () => {
    const ws = await createTestWorkspace();
    await upload(ws, mp4(64, 1), "video/mp4", "?tags=summer");
    const alices = await upload(ws, mp4(64, 2), "video/mp4", "?tags=summer&username=alice");
    const winter = await upload(ws, mp4(64, 3), "video/mp4", "?tags=winter");
    expect((await claimMaterials(db(), video(ws, 1, { username: "alice", tags: ["summer"] })))[0]?.id).toBe(alices);
    expect((await claimMaterials(db(), video(ws, 2, { tags: ["winter", "autumn"] })))[0]?.id).toBe(winter);
    expect(await claimMaterials(db(), video(ws, 3, { tags: ["winter"] }))).toEqual([]);
  });

  it("images in sort order; fewer than image_count is no claim, and takes nothing", async () => {
    const ws = await createTestWorkspace();
    const third = await upload(ws, jpeg(64, 1), "image/jpeg", "?sort_key=3");
    const first = await upload(ws, jpeg(64, 2), "image/jpeg", "?sort_key=1");
    const second = await upload(ws, jpeg(64, 3), "image/jpeg", "?sort_key=2");
    expect(await claimMaterials(db(), video(ws, 1, { mediaType: "image", count: 4 }))).toEqual([]);
    const claimed = await claimMaterials(db(), video(ws, 2, { mediaType: "image", count: 3 }));
    expect(claimed.map((m) => m.id)).toEqual([first, second, third]);
  });

  it("a task sent again gets the materials it holds; released, they go to the next", async () => {
    const ws = await createTestWorkspace();
    const id = await upload(ws, mp4(64, 9), "video/mp4");
    expect((await claimMaterials(db(), video(ws, 1)))[0]?.id).toBe(id);
    expect((await claimMaterials(db(), video(ws, 1)))[0]?.id).toBe(id);
    expect(await claimMaterials(db(), video(ws, 2))).toEqual([]);
    await releaseClaims(db(), ws.id, [1]).run();
    expect((await claimMaterials(db(), video(ws, 2)))[0]?.id).toBe(id);
    expect((await ws.call("GET", `/api/v1/materials/${id}`)).data).toMatchObject({ used: 0, claimed_by_task_id: 2 });
  });

  it("never reaches another workspace's materials", async () => {
    const ws = await createTestWorkspace();
    const other = await createTestWorkspace();
    await upload(other, mp4(64, 5), "video/mp4");
    expect(await claimMaterials(db(), video(ws, 1))).toEqual([]);
  });
});
