import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { materials } from "../db/schema";
import { findMaterial, materialJson, type MaterialJson } from "./material-view";
import { LIBRARY_TYPES, type LibraryType } from "./media-signature";
import type { StoredBytes } from "./store";
import { insertMaterialTags } from "./tags";

/** What a user said about a file as they uploaded it. */
export interface MaterialMeta {
  file_name?: string | undefined;
  tags: readonly string[];
  caption?: string | undefined;
  username?: string | undefined;
  sort_key?: number | undefined;
}

/**
 * The library row (and tags) of bytes just stored at `r2Key`, in one batch. Bytes the
 * workspace already has are that material: the insert does nothing, the new copy is deleted,
 * and the stored material is the answer. Shared by single and multipart uploads.
 */
export async function addMaterial(db: Db, bucket: R2Bucket, workspaceId: string, stored: StoredBytes & { r2Key: string; contentType: LibraryType }, meta: MaterialMeta): Promise<MaterialJson> {
  const { r2Key, contentType } = stored;
  const [inserted] = await db.batch([
    db
      .insert(materials)
      .values({
        workspaceId,
        fileName: meta.file_name ?? `${stored.sha256.slice(0, 12)}${LIBRARY_TYPES[contentType].extension}`,
        mediaType: LIBRARY_TYPES[contentType].mediaType,
        contentType,
        size: stored.size,
        sha256: stored.sha256,
        r2Key,
        caption: meta.caption ?? "",
        username: meta.username ?? "",
        sortKey: meta.sort_key ?? 0,
        createdAt: Date.now(),
      })
      .onConflictDoNothing({ target: [materials.workspaceId, materials.sha256] })
      .returning({ id: materials.id }),
    insertMaterialTags(db, workspaceId, { r2Key }, [...new Set(meta.tags)]),
  ]);
  const id = inserted[0]?.id;
  if (id === undefined) {
    await bucket.delete(r2Key);
    const [existing] = await db.select().from(materials).where(and(eq(materials.workspaceId, workspaceId), eq(materials.sha256, stored.sha256)));
    if (existing === undefined) throw new Error(`material with sha256 ${stored.sha256} vanished during its duplicate's upload`);
    return materialJson(db, workspaceId, existing);
  }
  const row = await findMaterial(db, workspaceId, id);
  if (row === undefined) throw new Error(`material ${id} vanished right after its upload`);
  return materialJson(db, workspaceId, row);
}
