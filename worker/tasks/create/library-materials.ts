import { and, eq } from "drizzle-orm";
import type { LibraryDemand } from "../../../shared/scripts/post";
import type { Db } from "../../db/client";
import { inList } from "../../db/in-list";
import { materials } from "../../db/schema";
import { invalid } from "../../http/api-error";

/**
 * A material_list entry lib:<id> must name a material of this workspace's library, of the
 * kind the post takes: refused at create with 40001 naming it, not discovered on a phone.
 * (A pick from the library is not checked here: materials may be uploaded before it is due.)
 */
export async function refuseUnknownMaterials(db: Db, workspaceId: string, demand: LibraryDemand | undefined): Promise<void> {
  if (demand === undefined || demand.ids.length === 0) return;
  const rows = await db
    .select({ id: materials.id, mediaType: materials.mediaType })
    .from(materials)
    .where(and(eq(materials.workspaceId, workspaceId), inList(materials.id, demand.ids)));
  const typeOf = new Map(rows.map((row) => [row.id, row.mediaType]));
  for (const id of demand.ids) {
    const type = typeOf.get(id);
    if (type === undefined) throw invalid(`script_config.material_list: lib:${id} is not a material of this workspace's library`);
    if (type !== demand.mediaType) {
      const wanted = demand.mediaType === "video" ? "content_type 0 posts a video" : "content_type 1 posts images";
      throw invalid(`script_config.material_list: lib:${id} is ${type === "video" ? "a video" : "an image"}, and ${wanted}`);
    }
  }
}
