import { and, eq, isNull, sql } from "drizzle-orm";
import { TaskStatus } from "../../shared/task-status";
import type { Db } from "../db/client";
import { inList } from "../db/in-list";
import { type Material, type MediaType, materials, materialTags, tasks } from "../db/schema";

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
    // Taken back at once, whatever the task's state: this claim was never the run's.
    await db
      .update(materials)
      .set({ claimedByTaskId: null, claimedAt: null })
      .where(and(eq(materials.workspaceId, request.workspaceId), eq(materials.claimedByTaskId, request.taskId), isNull(materials.usedAt)));
    return [];
  }
  return inPostOrder(claimed, request.mediaType);
}

/**
 * The claims of these tasks go back to the pool, for those of them no longer running: it is
 * batched with the statement that ends an attempt (or deletes the task), so a claim never
 * outlives its run, and a stale ending (the task runs again, under a new attempt) keeps the
 * new attempt's claim.
 */
export function releaseClaims(db: Db, workspaceId: string, taskIds: readonly number[]) {
  return db
    .update(materials)
    .set({ claimedByTaskId: null, claimedAt: null })
    .where(
      and(
        eq(materials.workspaceId, workspaceId),
        inList(materials.claimedByTaskId, taskIds),
        isNull(materials.usedAt),
        sql`NOT EXISTS (SELECT 1 FROM ${tasks} WHERE ${tasks.id} = ${materials.claimedByTaskId} AND ${tasks.status} = ${TaskStatus.Running})`,
      ),
    );
}

/**
 * At the publishing tap the post may be out: the run's materials (`ids`: picked or named
 * lib:<id>) are used, by the task and its account. Batched after the statement that marks
 * the task posted, and conditional on that attempt still being the running one. A claim of
 * another task on a named material is left to that task.
 */
export function markMaterialsUsed(db: Db, workspaceId: string, taskId: number, attemptId: string, ids: readonly number[], now: number) {
  const mine = sql`${materials.claimedByTaskId} = ${taskId}`;
  return db
    .update(materials)
    .set({
      usedAt: now,
      usedByTaskId: taskId,
      usedByUsername: sql`(SELECT ${tasks.username} FROM ${tasks} WHERE ${tasks.id} = ${taskId})`,
      claimedByTaskId: sql`CASE WHEN ${mine} THEN NULL ELSE ${materials.claimedByTaskId} END`,
      claimedAt: sql`CASE WHEN ${mine} THEN NULL ELSE ${materials.claimedAt} END`,
    })
    .where(
      and(
        eq(materials.workspaceId, workspaceId),
        inList(materials.id, ids),
        sql`EXISTS (SELECT 1 FROM ${tasks} WHERE ${tasks.id} = ${taskId} AND ${tasks.workspaceId} = ${workspaceId} AND ${tasks.attemptId} = ${attemptId} AND ${tasks.status} = ${TaskStatus.Running})`,
      ),
    );
}

function inPostOrder(rows: Material[], mediaType: MediaType): Material[] {
  return mediaType === "video" ? rows : [...rows].sort((a, b) => a.sortKey - b.sortKey || a.id - b.id);
}
