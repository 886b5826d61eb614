import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

/**
 * A file arriving in parts (R2 multipart upload) for a material: its declared size and type,
 * the part size every part but the last must have, and the metadata it will carry. Gone once
 * completed or aborted.
 */
export const materialUploads = sqliteTable(
  "material_uploads",
  {
    /** Public id (random), in the upload's paths. */
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    r2Key: text("r2_key").notNull(),
    r2UploadId: text("r2_upload_id").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    partSize: integer("part_size").notNull(),
    /** The metadata the material will get: JSON of the start request's fields. */
    meta: text("meta").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  // By age alone too: the Cron Trigger sweeps uploads nobody completed, across workspaces.
  (t) => [index("material_uploads_workspace").on(t.workspaceId, t.createdAt), index("material_uploads_created").on(t.createdAt)],
);

/** Parts stored so far, so a client that lost its connection asks which to send again. */
export const materialUploadParts = sqliteTable(
  "material_upload_parts",
  {
    uploadId: text("upload_id")
      .notNull()
      .references(() => materialUploads.id, { onDelete: "cascade" }),
    partNumber: integer("part_number").notNull(),
    etag: text("etag").notNull(),
    size: integer("size").notNull(),
  },
  (t) => [primaryKey({ columns: [t.uploadId, t.partNumber] })],
);

export type MaterialUpload = typeof materialUploads.$inferSelect;
