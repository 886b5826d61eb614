import { asc, lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { inList } from "../db/in-list";
import { materialUploads } from "../db/schema";

/**
 * An upload not completed within this long is given up: R2 itself aborts an incomplete
 * multipart upload after 7 days (its default lifecycle rule), after which its parts are gone
 * and the upload could never complete anyway.
 */
export const UPLOAD_LIFETIME_MS = 7 * 24 * 3_600_000;
/** Uploads swept per run, so one run stays short; the next run takes the rest. */
export const SWEEP_BATCH = 100;

/**
 * Aborts the multipart uploads nobody completed or aborted (a client that gave up, a phone
 * whose browser closed) and forgets them: their parts stop taking space in R2, and their rows
 * (the parts' rows cascade) leave D1. Oldest first; safe to run twice or concurrently, since
 * aborting an upload R2 already dropped is not an error here and the delete names the rows.
 */
export async function sweepStaleUploads(db: Db, bucket: R2Bucket, now: number, limit = SWEEP_BATCH): Promise<number> {
  const stale = await db
    .select({ id: materialUploads.id, r2Key: materialUploads.r2Key, r2UploadId: materialUploads.r2UploadId })
    .from(materialUploads)
    .where(lt(materialUploads.createdAt, now - UPLOAD_LIFETIME_MS))
    .orderBy(asc(materialUploads.createdAt))
    .limit(limit);
  if (stale.length === 0) return 0;
  await Promise.all(stale.map((upload) => bucket.resumeMultipartUpload(upload.r2Key, upload.r2UploadId).abort().catch(() => undefined)));
  await db.delete(materialUploads).where(
    inList(
      materialUploads.id,
      stale.map((upload) => upload.id),
    ),
  );
  return stale.length;
}
