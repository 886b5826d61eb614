import { ApiError, invalid } from "../http/api-error";
import { concatChunks } from "../http/body-bytes";
import { LIBRARY_TYPES, type LibraryType, SIGNATURE_BYTES, sniffType } from "./media-signature";

/** What an upload put in R2, known only once its last byte passed. */
export interface StoredBytes {
  size: number;
  /** Lower-case hex. */
  sha256: string;
}

/** A file stored whole: its type too, from its first bytes. */
export interface StoredFile extends StoredBytes {
  contentType: LibraryType;
}

/**
 * Streams a file of exactly `length` bytes into R2 at `key`, hashing it on the way, without
 * holding more than a chunk of it in the Worker. The first bytes are read before anything is
 * stored: an empty file, or bytes whose signature is not the declared type, are refused
 * (40001) with nothing written. A body that ends short, runs long or breaks off aborts the
 * R2 write, so a truncated upload leaves no object behind either.
 */
export async function storeBytes(bucket: R2Bucket, key: string, body: ReadableStream<Uint8Array> | null, length: number, declared?: LibraryType): Promise<StoredFile> {
  const digest = new crypto.DigestStream("SHA-256");
  digest.digest.catch(() => undefined); // awaited below, unless the body is refused first
  let contentType: LibraryType;
  try {
    contentType = await streamChecked(body, length, { signature: declared ?? "any", hash: digest }, async (stream, sniffed) => {
      const type = sniffed ?? declared;
      if (type === undefined) throw invalid("the file's type could not be told from its bytes");
      await bucket.put(key, stream, { httpMetadata: { contentType: type } });
      return type;
    });
  } catch (error) {
    await bucket.delete(key).catch(() => undefined); // in case the write had completed
    throw error;
  }
  return { size: length, sha256: hex(await digest.digest), contentType };
}

/** The SHA-256 of an object already in R2 (a multipart upload's, whose parts came apart). */
export async function hashObject(bucket: R2Bucket, key: string): Promise<StoredBytes | undefined> {
  const object = await bucket.get(key);
  if (object === null) return undefined;
  const digest = new crypto.DigestStream("SHA-256");
  await object.body.pipeTo(digest);
  return { size: object.size, sha256: hex(await digest.digest) };
}

export interface StreamChecks {
  /**
   * Read the first bytes and refuse any other type (the first part of a file); "any": any
   * type the library takes, whichever the bytes are (a file fetched from a URL, whose
   * Content-Type is the remote server's word).
   */
  signature?: LibraryType | "any";
  /** Also write every byte here (closed at the end, aborted on failure). */
  hash?: WritableStream<Uint8Array>;
}

/**
 * Hands `write` a stream of exactly `length` bytes of `body` and pumps it: a body that ends
 * short, runs long or breaks off errors that stream, so what `write` stores fails with it
 * (an R2 put or part upload stores nothing then). Refusals are 40001 saying which.
 */
export async function streamChecked<T>(
  body: ReadableStream<Uint8Array> | null,
  length: number,
  checks: StreamChecks,
  /** `type`: what the bytes are, once a signature was checked. */
  write: (stream: ReadableStream<Uint8Array>, type: LibraryType | undefined) => Promise<T>,
): Promise<T> {
  if (body === null || length === 0) throw invalid("the file is empty (0 bytes)");
  const reader = body.getReader();
  const head = await readHead(reader);
  if (head.byteLength === 0) throw invalid("the file is empty (0 bytes)");
  const sniffed = sniffType(head);
  if (checks.signature !== undefined) {
    if (sniffed === undefined) throw invalid(`the bytes are not a file the library takes (${Object.keys(LIBRARY_TYPES).join(", ")}), whatever its name or Content-Type says`);
    if (checks.signature !== "any" && sniffed !== checks.signature) throw invalid(`Content-Type is ${checks.signature} but the bytes are ${sniffed}`);
  }
  const fixed = new FixedLengthStream(length);
  const writer = fixed.writable.getWriter();
  const hasher = checks.hash?.getWriter();
  const stored = write(fixed.readable, checks.signature === undefined ? undefined : sniffed);
  stored.catch(() => undefined); // awaited below; a failed pump must not leave it unhandled
  let seen = 0;
  try {
    const send = async (chunk: Uint8Array) => {
      seen += chunk.byteLength;
      if (seen > length) throw invalid(`the body is longer than its Content-Length of ${length} bytes`);
      await Promise.all([writer.write(chunk), hasher?.write(chunk)]);
    };
    await send(head);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      await send(value);
    }
    if (seen < length) throw invalid(`the upload ended after ${seen} of its ${length} bytes`);
    await Promise.all([writer.close(), hasher?.close()]);
    return await stored;
  } catch (error) {
    await Promise.all([writer.abort(error), hasher?.abort(error)]).catch(() => undefined);
    await stored.catch(() => undefined);
    if (error instanceof ApiError) throw error;
    throw invalid(`the upload broke off after ${seen} of its ${length} bytes: nothing was stored`);
  }
}

/** At least SIGNATURE_BYTES bytes (fewer only if the body has fewer), as one chunk. */
async function readHead(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < SIGNATURE_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  return concatChunks(chunks, size);
}

function hex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}
