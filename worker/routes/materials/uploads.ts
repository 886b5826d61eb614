import { and, asc, eq } from "drizzle-orm";
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { validate } from "../../../shared/validation";
import type { Db } from "../../db/client";
import { type MaterialUpload, materialUploadParts, materialUploads } from "../../db/schema";
import type { AppEnv } from "../../env";
import { invalid, notFound } from "../../http/api-error";
import { success } from "../../http/envelope";
import { readJson } from "../../http/json-body";
import { addMaterial, type MaterialMeta } from "../../materials/add-material";
import { materialFields, fileNameSchema } from "../../materials/fields";
import { checkLibraryLimits } from "../../materials/limits";
import { isLibraryType, LIBRARY_TYPES, type LibraryType } from "../../materials/media-signature";
import { hashObject, streamChecked } from "../../materials/store";

const MiB = 1024 ** 2;
/** R2's floor for every part but the last. */
export const MIN_PART_SIZE = 5 * MiB;
/** Under Cloudflare's 100 MB request body limit (Free and Pro zones), with room for headers. */
export const MAX_PART_SIZE = 95 * MiB;
const DEFAULT_PART_SIZE = 10 * MiB;
const MAX_PARTS = 10_000;

const startBody = z
  .strictObject({
    content_type: z.string().refine(isLibraryType, { message: `must be one of ${Object.keys(LIBRARY_TYPES).join(", ")}` }),
    size: z.number().int().min(1),
    part_size: z.number().int().min(MIN_PART_SIZE).max(MAX_PART_SIZE).default(DEFAULT_PART_SIZE),
    file_name: fileNameSchema.optional(),
    ...materialFields,
  })
  .partial({ tags: true, caption: true, username: true, sort_key: true });

const uploadIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, { message: "must be an upload id as POST /materials/uploads answered it" });
const partNumberSchema = z.string().regex(/^[1-9]\d{0,4}$/, { message: "must be a part number from 1" }).transform(Number);

/**
 * Files over what one request carries, in parts (R2 multipart upload): start with the file's
 * size and type, PUT each part (every part but the last exactly `part_size` bytes, so each
 * part's length is known and a short one is refused), ask which parts arrived after a lost
 * connection, complete, or abort. Part 1's first bytes must be the declared type. Completing
 * hashes the assembled object and adds the material as a single upload would.
 */
export const materialUploadRoutes = new Hono<AppEnv>()
  .post("/uploads", async (c) => {
    const body = await readJson(c, startBody);
    const db = c.get("db");
    const workspace = c.get("workspace");
    const parts = Math.ceil(body.size / body.part_size);
    if (parts > MAX_PARTS) throw invalid(`size ${body.size} in parts of ${body.part_size} bytes makes ${parts} parts; at most ${MAX_PARTS}: choose a larger part_size`);
    await checkLibraryLimits(db, workspace, body.size);
    const id = randomId();
    const r2Key = `materials/${workspace.id}/${crypto.randomUUID()}`;
    const multipart = await c.env.MEDIA.createMultipartUpload(r2Key, { httpMetadata: { contentType: body.content_type } });
    const meta: MaterialMeta = { file_name: body.file_name, tags: body.tags ?? [], caption: body.caption, username: body.username, sort_key: body.sort_key };
    await db.insert(materialUploads).values({
      id,
      workspaceId: workspace.id,
      r2Key,
      r2UploadId: multipart.uploadId,
      contentType: body.content_type,
      size: body.size,
      partSize: body.part_size,
      meta: JSON.stringify(meta),
      createdAt: Date.now(),
    });
    return success(c, { upload_id: id, size: body.size, part_size: body.part_size, part_count: parts, parts: [], missing: range(1, parts) });
  })
  .get("/uploads/:upload_id", async (c) => {
    const upload = await uploadOf(c);
    return success(c, await stateOf(c.get("db"), upload));
  })
  .put("/uploads/:upload_id/parts/:part_number", async (c) => {
    const upload = await uploadOf(c);
    const part = validate(partNumberSchema, c.req.param("part_number"), "part_number");
    if (!part.ok) throw invalid(part.message);
    const n = part.value;
    const count = partCount(upload);
    if (n > count) throw invalid(`part_number ${n} is past the last part, ${count}`);
    const expected = n < count ? upload.partSize : upload.size - (count - 1) * upload.partSize;
    const declared = c.req.header("content-length");
    if (declared !== String(expected)) throw invalid(`part ${n} must be exactly ${expected} bytes with its Content-Length, got ${declared === undefined ? "none" : declared}`);
    const multipart = c.env.MEDIA.resumeMultipartUpload(upload.r2Key, upload.r2UploadId);
    const checks = n === 1 ? { signature: upload.contentType as LibraryType } : {};
    const uploaded = await streamChecked(c.req.raw.body, expected, checks, (stream) => multipart.uploadPart(n, stream));
    const row = { uploadId: upload.id, partNumber: n, etag: uploaded.etag, size: expected };
    // A part sent again (its first try may have arrived after all) replaces the first.
    await c.get("db").insert(materialUploadParts).values(row).onConflictDoUpdate({ target: [materialUploadParts.uploadId, materialUploadParts.partNumber], set: { etag: row.etag, size: row.size } });
    return success(c, await stateOf(c.get("db"), upload));
  })
  .post("/uploads/:upload_id/complete", async (c) => {
    const upload = await uploadOf(c);
    const db = c.get("db");
    const state = await stateOf(db, upload);
    if (state.missing.length > 0) throw invalid(`parts ${state.missing.slice(0, 20).join(", ")}${state.missing.length > 20 ? ", …" : ""} have not arrived; PUT them, then complete`);
    await checkLibraryLimits(db, c.get("workspace"), upload.size);
    const multipart = c.env.MEDIA.resumeMultipartUpload(upload.r2Key, upload.r2UploadId);
    const parts = await db.select().from(materialUploadParts).where(eq(materialUploadParts.uploadId, upload.id)).orderBy(asc(materialUploadParts.partNumber));
    await multipart.complete(parts.map((p) => ({ partNumber: p.partNumber, etag: p.etag })));
    const stored = await hashObject(c.env.MEDIA, upload.r2Key);
    if (stored === undefined || stored.size !== upload.size) {
      await c.env.MEDIA.delete(upload.r2Key);
      await db.delete(materialUploads).where(eq(materialUploads.id, upload.id));
      throw invalid(`the assembled file is ${stored?.size ?? 0} bytes, not the ${upload.size} the upload started with: nothing was stored`);
    }
    const meta = JSON.parse(upload.meta) as MaterialMeta;
    const material = await addMaterial(db, c.env.MEDIA, upload.workspaceId, { ...stored, r2Key: upload.r2Key, contentType: upload.contentType as LibraryType }, meta);
    await db.delete(materialUploads).where(eq(materialUploads.id, upload.id));
    return success(c, material);
  })
  .delete("/uploads/:upload_id", async (c) => {
    const upload = await uploadOf(c);
    await c.env.MEDIA.resumeMultipartUpload(upload.r2Key, upload.r2UploadId).abort();
    await c.get("db").delete(materialUploads).where(eq(materialUploads.id, upload.id));
    return success(c, { upload_id: upload.id, aborted: true });
  });

async function uploadOf(c: Context<AppEnv>): Promise<MaterialUpload> {
  const id = validate(uploadIdSchema, c.req.param("upload_id"), "upload_id");
  if (!id.ok) throw invalid(id.message);
  const [upload] = await c
    .get("db")
    .select()
    .from(materialUploads)
    .where(and(eq(materialUploads.workspaceId, c.get("workspace").id), eq(materialUploads.id, id.value)));
  if (upload === undefined) throw notFound(`upload ${id.value}`);
  return upload;
}

async function stateOf(db: Db, upload: MaterialUpload) {
  const parts = await db.select({ part_number: materialUploadParts.partNumber, size: materialUploadParts.size }).from(materialUploadParts).where(eq(materialUploadParts.uploadId, upload.id)).orderBy(asc(materialUploadParts.partNumber));
  const have = new Set(parts.map((p) => p.part_number));
  const count = partCount(upload);
  return { upload_id: upload.id, size: upload.size, part_size: upload.partSize, part_count: count, parts, missing: range(1, count).filter((n) => !have.has(n)) };
}

function partCount(upload: MaterialUpload): number {
  return Math.ceil(upload.size / upload.partSize);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/** 22 characters of base64url: 132 random bits. */
function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(17));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").slice(0, 22);
}
