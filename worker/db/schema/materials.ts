import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

export const MEDIA_TYPES = ["video", "image"] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

/**
 * A file of a workspace's material library (TikMatrix's default material source). The bytes
 * live in R2 under `r2Key`; this row is the index a post picks from. `used*` says which task
 * and account posted it, so a video is never posted twice; `claimedByTaskId` holds it for a
 * task between its dispatch and its publishing tap.
 */
export const materials = sqliteTable(
  "materials",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    mediaType: text("media_type").$type<MediaType>().notNull(),
    /** As the bytes' signature says (video/mp4, image/jpeg, image/png, image/webp). */
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    /** Lower-case hex: the same bytes uploaded twice are one material. */
    sha256: text("sha256").notNull(),
    r2Key: text("r2_key").notNull(),
    /** Overrides the task's caption when a post uses this material ("" = none). */
    caption: text("caption").notNull().default(""),
    /** The account this material is meant for ("" = any); a post for that account prefers it. */
    username: text("username").notNull().default(""),
    /** Images of a post go in this order (TikMatrix's sort). */
    sortKey: integer("sort_key").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    usedAt: integer("used_at"),
    usedByTaskId: integer("used_by_task_id"),
    usedByUsername: text("used_by_username"),
    claimedByTaskId: integer("claimed_by_task_id"),
    claimedAt: integer("claimed_at"),
    /** A small JPEG of the file for the dashboard, made by the browser that uploaded it (a Worker cannot decode video). */
    thumbnailKey: text("thumbnail_key"),
  },
  (t) => [
    uniqueIndex("materials_sha256").on(t.workspaceId, t.sha256),
    index("materials_workspace").on(t.workspaceId, t.id),
    index("materials_pick").on(t.workspaceId, t.mediaType, t.usedAt, t.claimedByTaskId),
    index("materials_username").on(t.workspaceId, t.username),
  ],
);

/** Tags in rows of their own, as accounts' are, so the `tag` filter is an index look-up. */
export const materialTags = sqliteTable(
  "material_tags",
  {
    workspaceId: text("workspace_id").notNull(),
    tag: text("tag").notNull(),
    materialId: integer("material_id")
      .notNull()
      .references(() => materials.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.tag, t.materialId] }), index("material_tags_material").on(t.materialId)],
);

export type Material = typeof materials.$inferSelect;
