import type { Context } from "hono";
import { z } from "zod";
import { invalid } from "../../http/api-error";
import { readQuery } from "../../http/query";
import type { FinishedRange } from "../../retention/history-page";
import { DAY_MS } from "../../retention/utc-day";
import { readIsoInstant } from "../../time/iso-instant";

/**
 * The longest period one export covers: a year, leap day included. A response reads a day
 * object per day and D1's pages besides; longer periods are exported in parts.
 */
export const MAX_EXPORT_DAYS = 366;

const exportQuery = z.object({ from: z.string().max(64), to: z.string().max(64).optional() });
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** `…T08:00 08:00`: an offset's `+` sent unencoded, which a query string reads as a space. */
const PLUS_AS_SPACE = /^(\S+[T ]\S+) (\d{2}:?\d{2})$/;

/**
 * `from` (required) and `to` (default: now) of `GET /task/export`: finished_at in [from, to).
 * Each is an ISO 8601 date-time as `start_time` takes it (with `Z` or an offset, or without one
 * on the workspace's clock), or a date alone, which is its midnight on the workspace's clock.
 */
export function readExportRange(c: Context, timeZone: string, now: number): FinishedRange {
  const query = readQuery(c, exportQuery);
  const from = instantParameter("from", query.from, timeZone);
  const to = query.to === undefined ? now : instantParameter("to", query.to, timeZone);
  if (to <= from) throw invalid(`to must be after from (from ${new Date(from).toISOString()}, to ${new Date(to).toISOString()})`);
  const days = (to - from) / DAY_MS;
  if (days > MAX_EXPORT_DAYS) {
    throw invalid(`to must be at most ${MAX_EXPORT_DAYS} days after from, got ${Math.ceil(days)} days: export a longer period in parts`);
  }
  return { from, to };
}

function instantParameter(name: string, given: string, timeZone: string): number {
  const text = given.replace(PLUS_AS_SPACE, "$1+$2");
  const read = readIsoInstant(DATE_ONLY.test(text) ? `${text}T00:00` : text, timeZone);
  if (read.ok) return read.at;
  throw invalid(
    read.why === "format"
      ? `${name} must be an ISO 8601 date-time (2026-03-01T00:00:00Z, 2026-03-01T08:00+08:00, or without an offset on the workspace's clock) or a date (2026-03-01), got ${JSON.stringify(given)}`
      : `${name} ${JSON.stringify(given)} is not a real date and time`,
  );
}
