/** About this much text goes into each chunk of a stream written here. */
const CHUNK_CHARS = 64 * 1024;

/**
 * A stream of NDJSON bytes, one value a line, pulled from `values` as the reader asks: the
 * export's response body and the day object's content before gzip. Nothing is held but the
 * chunk being filled; a reader that goes away ends `values` (its D1 and R2 reads with it).
 */
export function ndjsonStream<T>(values: AsyncIterator<T>, onLine: () => void = () => {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let text = "";
      while (text.length < CHUNK_CHARS) {
        const next = await values.next();
        if (next.done === true) {
          if (text !== "") controller.enqueue(encoder.encode(text));
          controller.close();
          return;
        }
        text += `${JSON.stringify(next.value)}\n`;
        onLine();
      }
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await values.return?.();
    },
  });
}

/** The lines of a UTF-8 text stream, without their newlines; a last line without one counts too. */
export async function* textLines(bytes: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  let pending = "";
  for await (const chunk of bytes.pipeThrough(new TextDecoderStream())) {
    pending += chunk;
    let start = 0;
    for (let newline = pending.indexOf("\n"); newline !== -1; newline = pending.indexOf("\n", start)) {
      yield pending.slice(start, newline);
      start = newline + 1;
    }
    pending = pending.slice(start);
  }
  if (pending !== "") yield pending;
}
