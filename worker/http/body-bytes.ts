import { invalid } from "./api-error";

/**
 * The request body, counted as it arrives: a body sent without Content-Length (or with a
 * false one) is refused as soon as it passes `maxBytes`, not after all of it has been read.
 */
export async function readBodyBytes(request: Request, maxBytes: number, what = "body"): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw invalid(`${what} is larger than ${maxBytes} bytes`);
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw invalid(`${what} is larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return concatChunks(chunks, size);
}

/** The chunks of a stream as one array of `size` bytes (their total). */
export function concatChunks(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
