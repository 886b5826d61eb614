import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { type Material, type MediaType, materials, materialTags } from "../db/schema";

/** What a post asks of the library, as TikMatrix picks (docs/api.md "Material library"). */
export interface ClaimRequest {
  workspaceId: string;
  taskId: number;
  mediaType: MediaType;
  /** 1 for a video; image_count for images. */
  count: number;
  /** materials_tags: a material with any of them; none = any material. */
  tags: readonly string[];
  /** The task's account: a material meant for it is preferred. */
  username: string | null;
  now: number;
}

/**
 * Claims unused materials for a task in ONE conditional statement: D1 runs statements one at
 * a time, so two phones claiming at once never get the same file. A video is picked at random
 * among the unused (those meant for the task's account first); images in sort order. A task
 * that already holds materials (its run sent again) gets those back. Fewer than asked for is
 * no claim at all: what was taken goes back, and the caller fails the task with a clear reason.
 */
export async function claimMaterials(db: Db, request: ClaimRequest): Promise<Material[]> {
  const held = await db.select().from(materials).where(and(eq(materials.workspaceId, request.workspaceId), eq(materials.claimedByTaskId, request.taskId)));
  if (held.length > 0) return inPostOrder(held, request.mediaType);
  const tagged =
    request.tags.length === 0
      ? sql`1`
      : sql`${materials.id} IN (SELECT ${materialTags.materialId} FROM ${materialTags} WHERE ${materialTags.workspaceId} = ${request.workspaceId} AND ${materialTags.tag} IN (SELECT value FROM json_each(${JSON.stringify(request.tags)})))`;
  const order = request.mediaType === "video" ? sql`random()` : sql`${materials.sortKey}, ${materials.id}`;
  const candidates = sql`SELECT ${materials.id} FROM ${materials} WHERE ${materials.workspaceId} = ${request.workspaceId} AND ${materials.mediaType} = ${request.mediaType} AND ${materials.usedAt} IS NULL AND ${materials.claimedByTaskId} IS NULL AND ${tagged} ORDER BY (${materials.username} = ${request.username ?? ""}) DESC, ${order} LIMIT ${request.count}`;
  const claimed = await db
    .update(materials)
    .set({ claimedByTaskId: request.taskId, claimedAt: request.now })
    .where(and(sql`${materials.id} IN (${candidates})`, isNull(materials.claimedByTaskId), isNull(materials.usedAt)))
    .returning();
  if (claimed.length < request.count) {
    await releaseMaterials(db, request.workspaceId, request.taskId);
    return [];
  }
  return inPostOrder(claimed, request.mediaType);
}

/** The task's claimed materials go back to the pool: it failed or was stopped before publishing. */
export async function releaseMaterials(db: Db, workspaceId: string, taskId: number): Promise<void> {
  await db
    .update(materials)
    .set({ claimedByTaskId: null, claimedAt: null })
    .where(and(eq(materials.workspaceId, workspaceId), eq(materials.claimedByTaskId, taskId), isNull(materials.usedAt)));
}

/** From the publishing tap on the post may be out: the task's materials are used, by it and its account. */
export async function markMaterialsUsed(db: Db, workspaceId: string, taskId: number, username: string | null, now: number): Promise<void> {
  await db
    .update(materials)
    .set({ usedAt: now, usedByTaskId: taskId, usedByUsername: username, claimedByTaskId: null, claimedAt: null })
    .where(and(eq(materials.workspaceId, workspaceId), eq(materials.claimedByTaskId, taskId)));
}

function inPostOrder(rows: Material[], mediaType: MediaType): Material[] {
  return mediaType === "video" ? rows : [...rows].sort((a, b) => a.sortKey - b.sortKey || a.id - b.id);
}
