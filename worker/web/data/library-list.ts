import { TAG_MAX_LENGTH } from "../../../shared/tags";
import type { Db } from "../../db/client";
import { type Material, MEDIA_TYPES, type MediaType } from "../../db/schema";
import { listMaterials, type MaterialFilters } from "../../materials/list-materials";

/** Cards a page of the library shows; the next page is fetched as the user scrolls. */
export const MATERIALS_PER_PAGE = 24;

export interface LibraryQuery {
  filters: MaterialFilters;
  page: number;
}

/** The library's filters from the page's query string; anything unreadable is simply not a filter. */
export function libraryQueryOf(query: (name: string) => string | undefined): LibraryQuery {
  const tag = query("tag")?.trim();
  const type = query("type");
  const used = query("used");
  const page = Number(query("page"));
  return {
    filters: {
      tag: tag === undefined || tag === "" ? undefined : tag.slice(0, TAG_MAX_LENGTH),
      type: MEDIA_TYPES.includes(type as MediaType) ? (type as MediaType) : undefined,
      used: used === "1" ? true : used === "0" ? false : undefined,
    },
    page: Number.isSafeInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

/** The query string of the same filters on another page. */
export function libraryHref(query: LibraryQuery, page: number): string {
  const params = new URLSearchParams();
  const { tag, type, used } = query.filters;
  if (tag !== undefined) params.set("tag", tag);
  if (type !== undefined) params.set("type", type);
  if (used !== undefined) params.set("used", used ? "1" : "0");
  if (page > 1) params.set("page", String(page));
  const text = params.toString();
  return text === "" ? "/library" : `/library?${text}`;
}

export interface LibraryItem {
  material: Material;
  tags: string[];
}

/** One page of the library, newest first, through the API's own query. */
export async function libraryPage(db: Db, workspaceId: string, query: LibraryQuery): Promise<{ items: LibraryItem[]; hasMore: boolean }> {
  const { rows, tags, total } = await listMaterials(db, workspaceId, query.filters, MATERIALS_PER_PAGE, (query.page - 1) * MATERIALS_PER_PAGE);
  return { items: rows.map((material) => ({ material, tags: [...(tags.get(material.id) ?? [])].sort() })), hasMore: query.page * MATERIALS_PER_PAGE < total };
}
