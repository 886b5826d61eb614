import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { type Material, materials } from "../db/schema";
import { invalid } from "../http/api-error";
import { materialContent } from "./content";
import { sniffType } from "./media-signature";

/** A thumbnail is a small picture: a card's image at twice its CSS size fits in far less. */
export const MAX_THUMBNAIL_BYTES = 256 * 1024;

const thumbnailKey = (workspaceId: string, materialId: number) => `thumbnails/${workspaceId}/${materialId}`;

/**
 * Stores the picture a browser made of a material it uploaded (a video's frame, an image made
 * small): a Worker cannot decode video, and a phone on a slow network should not fetch a whole
 * photo for a card. The bytes must be a JPEG, PNG or WebP (by their signature) of at most
 * MAX_THUMBNAIL_BYTES, with their Content-Length. A new one replaces the old.
 */
export async function storeThumbnail(db: Db, bucket: R2Bucket, workspaceId: string, material: Material, request: Request): Promise<void> {
  const declared = request.headers.get("content-length");
  const length = Number(declared);
  if (declared === null || !Number.isSafeInteger(length) || length < 1 || length > MAX_THUMBNAIL_BYTES) {
    throw invalid(`a thumbnail is 1 to ${MAX_THUMBNAIL_BYTES} bytes with its Content-Length, got ${declared === null ? "none" : declared}`);
  }
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.length !== length) throw invalid(`the thumbnail's body is ${bytes.length} bytes, not its Content-Length of ${length}`);
  const type = sniffType(bytes);
  if (type === undefined || type === "video/mp4") throw invalid("a thumbnail must be a JPEG, PNG or WebP picture");
  const key = thumbnailKey(workspaceId, material.id);
  await bucket.put(key, bytes, { httpMetadata: { contentType: type } });
  await db.update(materials).set({ thumbnailKey: key }).where(and(eq(materials.workspaceId, workspaceId), eq(materials.id, material.id)));
}

/** A material's card picture: its thumbnail; an image without one is its own; a video without one has none (404). */
export async function thumbnailResponse(bucket: R2Bucket, material: Material): Promise<Response | undefined> {
  if (material.thumbnailKey !== null) {
    const object = await bucket.get(material.thumbnailKey);
    if (object !== null) {
      return new Response(object.body, { headers: { "content-type": object.httpMetadata?.contentType ?? "image/jpeg", "cache-control": "private, max-age=86400" } });
    }
  }
  if (material.mediaType === "image") return materialContent(bucket, material, new Headers());
  return undefined;
}
