import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../env";
import { success } from "../../http/envelope";
import { readJson } from "../../http/json-body";
import { addMaterial } from "../../materials/add-material";
import { fetchImport, fileNameOfUrl, IMPORT_TIMEOUT_MS } from "../../materials/fetch-import";
import { fileNameSchema, materialFields } from "../../materials/fields";
import { checkLibraryLimits } from "../../materials/limits";
import { storeBytes } from "../../materials/store";

const importBody = z.strictObject({
  url: z.string().min(1).max(2048),
  file_name: fileNameSchema.optional(),
  tags: materialFields.tags.optional(),
  caption: materialFields.caption.optional(),
  username: materialFields.username.optional(),
  sort_key: materialFields.sort_key.optional(),
});

/**
 * `POST /materials/import` `{"url": "https://…"}`: the Worker fetches the file into the library
 * (worker/materials/fetch-import.ts), its type from its bytes as an upload's, with the same
 * limits, refusals and duplicate rule. The file name defaults to the URL's last path segment.
 */
export const importMaterial = new Hono<AppEnv>().post("/import", async (c) => {
  const body = await readJson(c, importBody);
  const db = c.get("db");
  const workspace = c.get("workspace");
  const source = await fetchImport(body.url, AbortSignal.timeout(IMPORT_TIMEOUT_MS));
  try {
    await checkLibraryLimits(db, workspace, source.length);
  } catch (error) {
    await source.body.cancel();
    throw error;
  }
  const r2Key = `materials/${workspace.id}/${crypto.randomUUID()}`;
  const stored = await storeBytes(c.env.MEDIA, r2Key, source.body, source.length);
  const { url: _url, ...meta } = body;
  return success(c, await addMaterial(db, c.env.MEDIA, workspace.id, { ...stored, r2Key }, { ...meta, file_name: body.file_name ?? fileNameOfUrl(source.url), tags: body.tags ?? [] }));
});
