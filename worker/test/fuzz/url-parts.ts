import { hostileNumber, hostileString, hugeString, LOOKALIKES, PATH_META, Raw, SQL_META, UNICODE } from "./hostile";
import type { Rng } from "./prng";

/**
 * Hostile URLs: path segments where an id goes, odd shapes of a valid path, and query
 * strings. Sometimes percent-encoded and sometimes as written, because the URL parser
 * normalises what is written (`../` is resolved, `%2e%2e` is not) and both reach servers.
 */

/** Ids that are almost numbers, and numbers that are not ids. */
const ID_SEGMENTS = ["0", "-1", "1.5", "1e3", "0x1", "+1", " 1", "%201", "١", "１", "9".repeat(17), "9007199254740993", "00001", "99999999999", "9".repeat(10_000), "NaN", "null", "undefined", "[]", "1,2", "1;2", "1%00", "1 OR 1=1"];

export function hostileSegment(rng: Rng): string {
  const segment = rng.chance(0.5) ? rng.pick(ID_SEGMENTS) : rng.pick([...PATH_META, ...SQL_META, ...UNICODE, hostileString(rng)]);
  return rng.chance(0.5) ? segment : safeEncode(segment);
}

export function pathShapes(path: string): string[] {
  return [
    `${path}/`,
    `${path}//`,
    path.replace("/api/v1/", "/api/v1//"),
    path.toUpperCase(),
    `${path}/extra`,
    `${path}/..`,
    `${path}/%2e%2e`,
    `${path}%2F`,
    `${path}/./`,
    path.replace("/api/v1/", "/api/v2/"),
    `${path}.json`,
    `${path};x=1`,
  ];
}

/** Half the time, one known parameter with a value the route accepts. */
export function validQuery(rng: Rng, known: Record<string, readonly string[]> | undefined): string {
  if (!known || rng.chance(0.5)) return "";
  const [name, values] = rng.pick(Object.entries(known));
  return `?${name}=${encodeURIComponent(rng.pick(values))}`;
}

/** Known and unknown parameters with hostile values, repeated, empty or badly encoded. */
export function hostileQuery(rng: Rng, known: Record<string, readonly string[]> | undefined): string {
  const names = Object.keys(known ?? {});
  const parts: string[] = [];
  for (let i = rng.int(1, 3); i > 0; i--) {
    const name = names.length > 0 && rng.chance(0.8) ? rng.pick(names) : rng.pick(["x", "page[]", "__proto__", "' OR 1=1 --", "%zz", "", "a".repeat(1000)]);
    const value = rng.pick([
      () => hostileString(rng),
      () => {
        const n = hostileNumber(rng);
        return n instanceof Raw ? n.text : String(n);
      },
      () => rng.pick(LOOKALIKES),
      () => hugeString(rng),
    ])();
    parts.push(rng.chance(0.8) ? `${safeEncode(name)}=${safeEncode(value)}` : `${name}=${value}`);
  }
  if (rng.chance(0.2)) parts.push(rng.pick(["&&&", "=", "page", "page=1&page=2", "%", "page_size=%00"]));
  return `?${parts.join("&")}`;
}

/** encodeURIComponent throws on a lone surrogate; such a string is then sent as written. */
function safeEncode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text;
  }
}
