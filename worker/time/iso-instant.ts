import { instantOf } from "./zoned";

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Why a text is not an instant: not shaped like ISO 8601, or a date and time no calendar has (02-30, 25:00). */
export type IsoInstant = { ok: true; at: number } | { ok: false; why: "format" | "not-real" };

/**
 * An ISO 8601 date-time as the API takes it wherever a client names a moment (`start_time`,
 * the export's `from` and `to`): `T` or a space between date and time, seconds and fractions
 * optional, and `Z` or an offset (`+08:00`, `+0800`). One without an offset is read on
 * `timeZone`'s clock, the workspace's, as its users read the compat time strings.
 */
export function readIsoInstant(text: string, timeZone: string): IsoInstant {
  const iso = ISO.exec(text);
  if (!iso) return { ok: false, why: "format" };
  const part = (i: number) => Number(iso[i] ?? 0);
  const [year, month, day, hour, minute, second] = [part(1), part(2), part(3), part(4), part(5), part(6)];
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, why: "not-real" };
  }
  const at = iso[7] === undefined ? instantOf({ year, month, day, hour, minute, second }, timeZone) : Date.parse(normalizeIso(text));
  return Number.isFinite(at) ? { ok: true, at } : { ok: false, why: "not-real" };
}

/** Date.parse wants "T" and "+hh:mm"; accept the space and "+hhmm" forms people also write. */
function normalizeIso(value: string): string {
  return value.replace(" ", "T").replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
}
