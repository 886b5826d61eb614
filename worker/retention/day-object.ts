import { historyKey } from "./history-key";
import { type HistoryLine, parseHistoryLine } from "./history-line";
import { ndjsonStream, textLines } from "./ndjson";
import type { UtcDay } from "./utc-day";

/** A day object as read: its lines, streamed, and the etag a rewrite must still find. */
export interface StoredDay {
  etag: string;
  lines: AsyncGenerator<HistoryLine>;
}

export async function readDay(bucket: R2Bucket, workspaceId: string, day: UtcDay): Promise<StoredDay | null> {
  const object = await bucket.get(historyKey(workspaceId, day));
  return object === null ? null : { etag: object.etag, lines: linesOfDay(object.body) };
}

/** A day object's lines, decompressed as they are read: an object is never held whole as text. */
export async function* linesOfDay(body: ReadableStream<Uint8Array>): AsyncGenerator<HistoryLine> {
  for await (const text of textLines(body.pipeThrough(new DecompressionStream("gzip")))) {
    if (text !== "") yield parseHistoryLine(text);
  }
}

/**
 * Writes a day object with `lines`, only if it is still as it was read (`etag`, or absent
 * when null): two runs that read the same object cannot both write it, so neither deletes rows
 * whose lines the other's write dropped. False when the object changed meanwhile. An object
 * left with no line is written empty, not deleted: R2's delete takes no condition. R2 takes a
 * body of known length, so the compressed bytes (about a tenth of the text) are gathered
 * before the put.
 */
export async function writeDay(bucket: R2Bucket, workspaceId: string, day: UtcDay, lines: AsyncIterator<HistoryLine>, etag: string | null): Promise<boolean> {
  const key = historyKey(workspaceId, day);
  let count = 0;
  const gzipped = ndjsonStream(lines, () => count++).pipeThrough(new CompressionStream("gzip"));
  const bytes = new Uint8Array(await new Response(gzipped).arrayBuffer());
  if (count === 0 && etag === null) return true;
  const onlyIf: R2Conditional = etag === null ? { etagDoesNotMatch: "*" } : { etagMatches: etag };
  const put = await bucket.put(key, bytes, { onlyIf, httpMetadata: { contentType: "application/gzip" }, customMetadata: { tasks: String(count) } });
  return put !== null;
}
