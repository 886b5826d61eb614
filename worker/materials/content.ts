import type { Material } from "../db/schema";
import { invalid, notFound } from "../http/api-error";

/**
 * A material's bytes streamed from R2, whole (200) or the one byte range asked for (206,
 * RFC 9110), so a preview can seek and an interrupted download resume. The ETag is the
 * SHA-256, which never changes for a material. Shared by the user's route and the agent's.
 */
export async function materialContent(bucket: R2Bucket, material: Material, request: Headers): Promise<Response> {
  const range = parseRange(request.get("range"), material.size);
  const object = await bucket.get(material.r2Key, range === undefined ? {} : { range: { offset: range.start, length: range.end - range.start + 1 } });
  if (object === null) throw notFound(`the bytes of material ${material.id}`);
  const headers = new Headers({
    "content-type": material.contentType,
    "accept-ranges": "bytes",
    etag: `"${material.sha256}"`,
    "cache-control": "private, max-age=86400, immutable",
  });
  if (range === undefined) {
    headers.set("content-length", String(material.size));
    return new Response(object.body, { status: 200, headers });
  }
  headers.set("content-length", String(range.end - range.start + 1));
  headers.set("content-range", `bytes ${range.start}-${range.end}/${material.size}`);
  return new Response(object.body, { status: 206, headers });
}

/** One `bytes=` range; undefined for no header. Several ranges or an unsatisfiable one are 40001. */
function parseRange(header: string | null, size: number): { start: number; end: number } | undefined {
  if (header === null) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (match === null || (match[1] === "" && match[2] === "")) throw invalid(`Range must be one "bytes=start-end" range, got ${JSON.stringify(header.slice(0, 100))}`);
  const [, from = "", to = ""] = match;
  // "bytes=-500" is the last 500 bytes; "bytes=500-" from byte 500 to the end.
  const start = from === "" ? Math.max(0, size - Number(to)) : Number(from);
  const end = from === "" || to === "" ? size - 1 : Math.min(Number(to), size - 1);
  if (start > end || start >= size) throw invalid(`Range ${header} is outside the file's ${size} bytes`);
  return { start, end };
}
