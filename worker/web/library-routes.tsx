/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import { Hono } from "hono";
import { ApiError } from "../http/api-error";
import { onError } from "../http/error-handler";
import { success } from "../http/envelope";
import { materialContent } from "../materials/content";
import { materialOf } from "../materials/material-id";
import { removeMaterial } from "../materials/remove-material";
import { storeThumbnail, thumbnailResponse } from "../materials/thumbnail";
import { updateMaterial } from "../materials/update-material";
import { materialUploadRoutes } from "../routes/materials/uploads";
import { libraryPage, libraryQueryOf } from "./data/library-list";
import { LibraryPage } from "./pages/library-page";
import type { WebEnv } from "./web-env";

/**
 * The library's files, for the page's scripts: the API's own multipart upload (same checks,
 * same limits, same duplicate rule), the thumbnail the uploading browser made, and a file's
 * bytes. Answers are the API's envelope, so the script reads the API's messages; the session
 * and its CSRF header (`x-csrf-token`) stand in for the API key.
 */
const libraryFiles = new Hono<WebEnv>();
libraryFiles.onError(onError);
libraryFiles.route("/", materialUploadRoutes);
libraryFiles.put("/:id{[0-9]+}/thumbnail", async (c) => {
  const material = await materialOf(c.get("db"), c.get("workspace").id, c.req.param("id"));
  await storeThumbnail(c.get("db"), c.env.MEDIA, c.get("workspace").id, material, c.req.raw);
  return success(c, { id: material.id, thumbnail: true });
});
libraryFiles.get("/:id{[0-9]+}/content", async (c) => {
  const material = await materialOf(c.get("db"), c.get("workspace").id, c.req.param("id"));
  return materialContent(c.env.MEDIA, material, c.req.raw.headers);
});

/** The library page (behind the session), its card pictures, and putting back and deleting a material. */
export const libraryPages = new Hono<WebEnv>();

libraryPages.route("/library/files", libraryFiles);

libraryPages.get("/library", async (c) => {
  const workspace = c.get("workspace");
  const query = libraryQueryOf((name) => c.req.query(name));
  const { items, hasMore } = await libraryPage(c.get("db"), workspace.id, query);
  return c.html(<LibraryPage t={c.get("t")} csrf={c.get("csrf")} workspace={workspace} query={query} items={items} hasMore={hasMore} notice={c.req.query("notice")?.slice(0, 300)} />);
});

libraryPages.get("/library/:id{[0-9]+}/thumbnail", async (c) => {
  const material = await materialOrNull(c);
  const response = material === null ? undefined : await thumbnailResponse(c.env.MEDIA, material);
  return response ?? c.notFound();
});

libraryPages.post("/library/:id{[0-9]+}/unused", async (c) => {
  const material = await materialOrNull(c);
  if (material !== null) await updateMaterial(c.get("db"), c.get("workspace").id, material, { used: 0 });
  return back(c, c.get("t").library.putBackDone);
});

libraryPages.post("/library/:id{[0-9]+}/delete", async (c) => {
  const material = await materialOrNull(c);
  if (material === null) return back(c, c.get("t").library.deleted);
  try {
    await removeMaterial(c.get("db"), c.env.MEDIA, c.get("workspace").id, material);
  } catch (error) {
    // Held by a task that may be posting it: the API's 40901 message says so, and when to try again.
    if (error instanceof ApiError) return back(c, error.message);
    throw error;
  }
  return back(c, c.get("t").library.deleted);
});

function back(c: Context<WebEnv>, notice: string): Response {
  return c.redirect(`/library?notice=${encodeURIComponent(notice)}`, 303);
}

async function materialOrNull(c: Context<WebEnv>) {
  try {
    return await materialOf(c.get("db"), c.get("workspace").id, c.req.param("id") ?? "");
  } catch (error) {
    if (error instanceof ApiError) return null;
    throw error;
  }
}
