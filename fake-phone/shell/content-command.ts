import type { MediaRow, MediaStore, MediaTable } from "../system/media-store.js";
import { textResult } from "../screen/screen-model.js";
import type { CommandResult } from "../adb/services.js";

// `content query` against the media provider, printed the way the real command prints
// cursors ("Row: 0 _id=57, _data=…"). Only equality conditions joined by AND are
// understood; anything else is an error, as a typo in a real where clause would be.

const COLUMNS: Record<string, (row: MediaRow) => string | number> = {
  _id: (row) => row.id,
  _data: (row) => row.path,
  _display_name: (row) => row.displayName,
  mime_type: (row) => row.mimeType,
  _size: (row) => row.size,
  date_added: (row) => row.dateAdded,
  date_modified: (row) => row.dateModified,
};

const TABLE_URIS: Record<string, MediaTable> = {
  "content://media/external/video/media": "video",
  "content://media/external/images/media": "images",
};

export function contentCommand([sub, ...args]: string[], media: MediaStore): CommandResult {
  if (sub !== "query") return textResult("", 255, `content: unsupported ${sub ?? ""}\n`);
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i] ?? "";
    const value = args[i + 1];
    if (!["--uri", "--projection", "--where", "--sort", "--user"].includes(name) || value === undefined) {
      return textResult("", 255, `Error: Unsupported argument: ${name}\n`);
    }
    options.set(name, value);
  }
  const uri = options.get("--uri");
  if (uri === undefined) return textResult("", 255, "Error: Content provider URI not specified\n");
  const table = Object.hasOwn(TABLE_URIS, uri) ? TABLE_URIS[uri] : undefined;
  if (table === undefined) return providerError(uri, `Unknown URL ${uri}`);

  const projection = options.get("--projection")?.split(":") ?? Object.keys(COLUMNS);
  const unknown = projection.find((column) => !Object.hasOwn(COLUMNS, column));
  if (unknown !== undefined) return providerError(uri, `Invalid column ${unknown}`);
  const where = options.get("--where");
  const conditions = where === undefined ? [] : parseWhere(where);
  if (conditions === undefined) return providerError(uri, `unsupported where clause: ${where}`);
  const sort = options.get("--sort");
  const order = sort === undefined ? { column: "_id", descending: false } : parseSort(sort);
  if (order === undefined) return providerError(uri, `unsupported sort order: ${sort}`);

  const rows = media
    .table(table)
    .filter((row) => conditions.every(({ column, value }) => String(COLUMNS[column]?.(row)) === value))
    .sort((a, b) => compare(COLUMNS[order.column]?.(a), COLUMNS[order.column]?.(b)) * (order.descending ? -1 : 1));
  if (rows.length === 0) return textResult("No result found.\n");
  const lines = rows.map((row, index) => `Row: ${index} ${projection.map((column) => `${column}=${COLUMNS[column]?.(row)}`).join(", ")}\n`);
  return textResult(lines.join(""));
}

interface Condition {
  column: string;
  value: string;
}

function parseWhere(where: string): Condition[] | undefined {
  const conditions: Condition[] = [];
  const pattern = /^\s*(\w+)\s*=\s*(?:'((?:[^']|'')*)'|(-?\d+))\s*(?:AND\b|$)/i;
  let rest = where;
  while (rest.trim().length > 0) {
    const match = pattern.exec(rest);
    const column = match?.[1];
    if (match === null || column === undefined || !Object.hasOwn(COLUMNS, column)) return undefined;
    conditions.push({ column, value: match[2] === undefined ? (match[3] ?? "") : match[2].replace(/''/g, "'") });
    rest = rest.slice(match[0].length);
  }
  return conditions;
}

function parseSort(sort: string): { column: string; descending: boolean } | undefined {
  const match = /^\s*(\w+)(?:\s+(ASC|DESC))?\s*$/i.exec(sort);
  const column = match?.[1];
  if (column === undefined || !Object.hasOwn(COLUMNS, column)) return undefined;
  return { column, descending: match?.[2]?.toUpperCase() === "DESC" };
}

function compare(a: string | number | undefined, b: string | number | undefined): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b));
}

// The real command prints the provider's exception and fails.
function providerError(uri: string, message: string): CommandResult {
  return textResult("", 1, `Error while accessing provider:${uri.replace(/^content:\/\/([^/]+).*$/, "$1")}\njava.lang.IllegalArgumentException: ${message}\n`);
}
