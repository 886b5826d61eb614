import { z } from "zod";
import { base64url } from "../../shared/credentials";

/**
 * The `cursor` of `GET /task` (docs/api.md "Cursor pages"): the id the next page starts
 * below, as unpadded base64url of `{"below": id}`. Opaque to clients, so its form can change;
 * it carries no filter, as a keyset page is right under any filter (a task's id never
 * changes). `start` asks for the first page in cursor mode, since an empty parameter
 * means "not given" on every list.
 */
export const FIRST_PAGE_CURSOR = "start";

const payload = z.strictObject({ below: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });

export function encodeCursor(belowId: number): string {
  return base64url(new TextEncoder().encode(JSON.stringify({ below: belowId })));
}

/**
 * The id a cursor's page starts below; null for `start`; undefined for anything this API
 * did not give out. Only the exact text `encodeCursor` writes is taken, so two spellings
 * never name one page.
 */
export function decodeCursor(raw: string): number | null | undefined {
  if (raw === FIRST_PAGE_CURSOR) return null;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(raw)) return undefined;
  let decoded: unknown;
  try {
    const binary = atob(raw.replaceAll("-", "+").replaceAll("_", "/").padEnd(Math.ceil(raw.length / 4) * 4, "="));
    decoded = JSON.parse(binary);
  } catch {
    return undefined;
  }
  const parsed = payload.safeParse(decoded);
  if (!parsed.success || encodeCursor(parsed.data.below) !== raw) return undefined;
  return parsed.data.below;
}

/** The query parameter: `start` or a `next_cursor`, read as the id to start below (40001 naming `cursor` otherwise). */
export const cursorQuery = z
  .string()
  .transform((raw, ctx) => {
    const below = decodeCursor(raw);
    if (below !== undefined) return below;
    ctx.addIssue({ code: "custom", message: `must be "${FIRST_PAGE_CURSOR}" or a next_cursor this API answered` });
    return z.NEVER;
  });
