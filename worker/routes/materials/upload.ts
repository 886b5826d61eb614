import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { splitTags } from "../../../shared/tags";
import { validate } from "../../../shared/validation";
import type { AppEnv } from "../../env";
import { invalid } from "../../http/api-error";
import { success } from "../../http/envelope";
import { queryInt, readQuery } from "../../http/query";
import { captionSchema, fileNameSchema, materialFields, materialUsernameSchema, SORT_KEY_RANGE } from "../../materials/fields";
import { isLibraryType, LIBRARY_TYPES } from "../../materials/media-signature";
import { addMaterial } from "../../materials/add-material";
import { checkLibraryLimits } from "../../materials/limits";
import { storeBytes } from "../../materials/store";

/** Upload metadata rides in the query or in X- headers (the body is the file itself). */
const metaQuery = z.object({
  file_name: fileNameSchema.optional(),
  /** Comma-separated, each by the accounts' tag rules. */
  tags: z.string().max(4_000).transform(splitTags).pipe(materialFields.tags).optional(),
  caption: captionSchema.optional(),
  username: materialUsernameSchema.optional(),
  sort_key: queryInt(SORT_KEY_RANGE.min, SORT_KEY_RANGE.max).optional(),
});

const HEADERS = { file_name: "x-file-name", tags: "x-tags", caption: "x-caption", username: "x-username", sort_key: "x-sort-key" } as const;

/**
 * `POST /materials`: one file as the raw body, streamed to R2 (worker/materials/store.ts).
 * The same bytes uploaded again answer the material already stored, unchanged.
 */
export const uploadMaterial = new Hono<AppEnv>().post("/", async (c) => {
  const declared = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (!isLibraryType(declared)) throw invalid(`Content-Type must be one of ${Object.keys(LIBRARY_TYPES).join(", ")}, got ${JSON.stringify(declared)}`);
  const length = contentLength(c);
  const meta = readMeta(c);
  const db = c.get("db");
  const workspace = c.get("workspace");
  await checkLibraryLimits(db, workspace, length);

  const r2Key = `materials/${workspace.id}/${crypto.randomUUID()}`;
  const stored = await storeBytes(c.env.MEDIA, r2Key, c.req.raw.body, length, declared);
  return success(c, await addMaterial(db, c.env.MEDIA, workspace.id, { ...stored, r2Key }, { ...meta, tags: meta.tags ?? [] }));
});

function contentLength(c: Context<AppEnv>): number {
  const raw = c.req.header("content-length");
  if (raw === undefined) throw invalid("Content-Length is required: a single upload sends the whole file with its size (larger files go through /api/v1/materials/uploads)");
  if (!/^\d{1,16}$/.test(raw)) throw invalid(`Content-Length must be a number of bytes, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

/** The query's values, else the headers' (percent-decoded, so names and captions may be any text). */
function readMeta(c: Context<AppEnv>): z.output<typeof metaQuery> {
  const fromHeaders: Record<string, string> = {};
  for (const [field, header] of Object.entries(HEADERS)) {
    const value = c.req.header(header);
    if (value === undefined || value === "") continue;
    try {
      fromHeaders[field] = decodeURIComponent(value);
    } catch {
      throw invalid(`header ${header} is not well-formed: its percent-encoding is not UTF-8`);
    }
  }
  const query = readQuery(c, z.record(z.string(), z.string()));
  const given = { ...fromHeaders, ...Object.fromEntries(Object.keys(HEADERS).flatMap((key) => (query[key] === undefined ? [] : [[key, query[key]]]))) };
  const result = validate(metaQuery, given);
  if (!result.ok) throw invalid(result.message);
  return result.value;
}

