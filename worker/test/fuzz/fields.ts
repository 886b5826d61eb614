import {
  deepNesting,
  HOSTILE_KEYS,
  hostileNumber,
  hostileString,
  hostileValue,
  hugeArray,
  hugeString,
  type Json,
  PATH_META,
  Raw,
  setOwn,
  SQL_META,
  UNICODE,
  wrongTypeFor,
} from "./hostile";
import type { Rng } from "./prng";

/**
 * Field mutations of a valid body: one field (at any depth) gets a hostile value, goes
 * missing, or an unknown field appears beside it. The rest of the body stays valid, so
 * the mutation is what the route has to deal with.
 */

type Path = (string | number)[];
type JsonObject = { [key: string]: Json };

export type FieldMutation = "wrong-type" | "null" | "missing" | "unknown-field" | "huge-string" | "huge-array" | "deep" | "metachar" | "number";

export interface MutatedBody {
  body: Json;
  what: string;
  /** An unknown field in a strict object: must be refused. */
  unknownField: boolean;
}

export function mutateField(rng: Rng, base: Json, mutation: FieldMutation): MutatedBody {
  const body = clone(base);
  const leaves = pathsOf(body).filter((p) => p.length > 0);
  const objects = pathsOf(body).filter((p) => isObject(get(body, p)));
  if (mutation === "unknown-field" || leaves.length === 0) {
    const at = rng.pick(objects.length > 0 ? objects : [[]]);
    const parent = get(body, at);
    // `__proto__` often: JSON.parse makes it an own key, but copying it into an object does not.
    const fresh = HOSTILE_KEYS.filter((k) => !isObject(parent) || !Object.hasOwn(parent, k));
    const key = fresh.includes("__proto__") && rng.chance(0.25) ? "__proto__" : rng.pick(fresh);
    if (isObject(parent)) setOwn(parent, key, hostileValue(rng, 1));
    return { body, what: `unknown field ${JSON.stringify(key.slice(0, 20))} at ${show(at)}`, unknownField: isObject(parent) };
  }
  const path = rng.pick(leaves);
  const original = get(body, path);
  const replacement = (): Json | undefined => {
    switch (mutation) {
      case "wrong-type":
        return wrongTypeFor(rng, original);
      case "null":
        return null;
      case "missing":
        return undefined;
      case "huge-string":
        return hugeString(rng);
      case "huge-array":
        return hugeArray(rng);
      case "deep":
        return deepNesting(rng);
      case "metachar":
        return rng.pick([...SQL_META, ...PATH_META, ...UNICODE]);
      case "number":
        return rng.chance(0.8) ? hostileNumber(rng) : hostileString(rng);
    }
  };
  set(body, path, replacement());
  return { body, what: `${mutation} at ${show(path)}`, unknownField: false };
}

function clone(value: Json): Json {
  if (value instanceof Raw) return value;
  if (Array.isArray(value)) return value.map(clone);
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const key of Object.keys(value)) setOwn(out, key, clone(value[key] as Json));
    return out;
  }
  return value;
}

function isObject(value: Json | undefined): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Raw);
}

function pathsOf(value: Json, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...at, i])));
  else if (isObject(value)) for (const key of Object.keys(value)) out.push(...pathsOf(value[key] as Json, [...at, key]));
  return out;
}

function get(value: Json, path: Path): Json | undefined {
  let node: Json | undefined = value;
  for (const part of path) {
    if (Array.isArray(node) && typeof part === "number") node = node[part];
    else if (isObject(node) && typeof part === "string") node = node[part];
    else return undefined;
  }
  return node;
}

function set(root: Json, path: Path, value: Json | undefined): void {
  const parent = get(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent) && typeof last === "number") {
    if (value === undefined) parent.splice(last, 1);
    else parent[last] = value;
  } else if (isObject(parent) && typeof last === "string") {
    if (value === undefined) delete parent[last];
    else setOwn(parent, last, value);
  }
}

function show(path: Path): string {
  return path.length === 0 ? "body" : path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("").slice(1);
}
